package cn.onestop.settle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Settlements as stored: by id, by the message that made them, and an institution's by date, in pages. */
public final class SettlementReads {
    private final LedgerStore ledger;

    SettlementReads(LedgerStore ledger) {
        this.ledger = ledger;
    }

    public Optional<SettlementRecord> find(String settlementId) {
        return ledger.read(tx -> tx.settlements().find(settlementId));
    }

    public Optional<SettlementRecord> findByMessage(String institutionCode, String messageId) {
        return ledger.read(tx -> tx.settlements().findByMessage(institutionCode, messageId));
    }

    /** One page of the institution's settlements dated {@code from..to}, newest first. */
    public SettlementPage list(String institutionCode, LocalDate from, LocalDate to, int pageSize,
                               Optional<PageCursor> after) {
        List<SettlementRecord> page = ledger.read(tx -> tx.settlements().page(institutionCode, from, to, after,
                pageSize + 1));
        if (page.size() <= pageSize) {
            return new SettlementPage(page, Optional.empty());
        }
        SettlementRecord last = page.get(pageSize - 1);
        return new SettlementPage(page.subList(0, pageSize),
                Optional.of(new PageCursor(last.bill().settleDate(), last.settlementId())));
    }
}

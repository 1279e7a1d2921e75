package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settlements as stored: by id, by the message that made them, and an institution's by date, in
 * pages — each only to a caller that may see it; one it may not see is answered as unknown.
 */
public final class SettlementReads {
    private final LedgerStore ledger;
    private final Clock clock;
    private final Limits limits;

    SettlementReads(LedgerStore ledger, Clock clock, Limits limits) {
        this.ledger = ledger;
        this.clock = clock;
        this.limits = limits;
    }

    public Optional<SettlementRecord> find(Caller caller, String settlementId) {
        return ledger.read(tx -> tx.settlements().find(settlementId)).filter(r -> Access.mayRead(caller, r));
    }

    public Optional<SettlementRecord> findByMessage(Caller caller, String institutionCode, String messageId) {
        return ledger.read(tx -> tx.settlements().findByMessage(institutionCode, messageId))
                .filter(r -> Access.mayRead(caller, r));
    }

    /** One page of the institution's settlements dated {@code from..to}, newest first. */
    public Result<SettlementPage> list(Caller caller, String institutionCode, LocalDate from, LocalDate to,
                                       int pageSize, Optional<PageCursor> after) {
        Optional<Failure> denied = Access.mayList(caller, institutionCode);
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        List<FieldViolation> bad = new ArrayList<>(0);
        limits.listDates(bad, from, to, LocalDate.now(clock));
        if (!bad.isEmpty()) {
            return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, "dates out of range: " + bad, bad));
        }
        List<SettlementRecord> page = ledger.read(tx -> tx.settlements().page(institutionCode, from, to, after,
                pageSize + 1));
        if (page.size() <= pageSize) {
            return Result.ok(new SettlementPage(page, Optional.empty()));
        }
        SettlementRecord last = page.get(pageSize - 1);
        return Result.ok(new SettlementPage(page.subList(0, pageSize),
                Optional.of(new PageCursor(last.bill().settleDate(), last.settlementId()))));
    }
}

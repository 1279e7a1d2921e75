package cn.onestop.settle;

import cn.onestop.centre.Clearing;

import java.time.Instant;
import java.util.Objects;

/**
 * A settlement as the ledger holds it.
 *
 * @param ownDebit what the person's own account paid
 * @param familyPersonId whose account paid under family mutual aid, or null
 * @param reversalId the reversal that undid it, or null
 * @param reversedAt when, or null
 * @param clearing the insured and treating regions, the clearing category, clearing type and insurance type
 */
public record SettlementRecord(String settlementId, String institutionCode, String messageId, String personId,
                               SettlementStatus status, SettledBill bill, Instant createdAt, long ownDebit,
                               String familyPersonId, long familyDebit, String reversalId, Instant reversedAt,
                               Clearing clearing) {
    public SettlementRecord {
        Objects.requireNonNull(clearing, "clearing");
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The accumulator row it moved. */
    public YearKey yearKey() {
        return new YearKey(personId, bill.plan(), bill.settleDate().getYear());
    }
}

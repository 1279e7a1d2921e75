package cn.onestop.settle;

import cn.onestop.request.Accumulators;

import java.util.Objects;

/**
 * What Reverse answers: the settlement (now REVERSED), the reversal, what moved back, and whether
 * this answer repeats an earlier one (nothing moved this time).
 *
 * @param delta the change to the year-to-date accumulators: the settlement's delta negated
 */
public record Reversed(SettlementRecord record, String reversalId, Accumulators delta, long accountCredit,
                       long familyAccountCredit, boolean replayed) {
    public Reversed {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reversalId, "reversalId");
        Objects.requireNonNull(delta, "delta");
    }
}

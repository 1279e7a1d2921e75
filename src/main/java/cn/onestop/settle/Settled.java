package cn.onestop.settle;

import java.util.Objects;

/**
 * What Settle answers: the settlement, and whether it was made before under the same message id
 * (a retry answered as first answered, nothing charged again).
 */
public record Settled(SettlementRecord record, boolean replayed) {
    public Settled {
        Objects.requireNonNull(record, "record");
    }
}

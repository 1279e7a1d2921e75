package cn.onestop.settle;

import cn.onestop.kernel.Deadline;
import cn.onestop.request.Accumulators;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Port: the year-to-date accumulator rows (one per person, plan and year) and their journal. A
 * settlement locks its row before reading it, so a person's settlements serialize across terminals
 * and nodes; the accounts are locked after it.
 */
public interface YearRows {
    /**
     * Locks the rows, in key order, creating a zero row for a year's first settlement; waits at most
     * until the deadline for a lock.
     */
    Map<YearKey, Accumulators> lock(Collection<YearKey> keys, Deadline deadline);

    /** The row without a lock; zero when the year has none yet. */
    Accumulators peek(YearKey key);

    /**
     * Moves locked rows by their deltas and journals each move; called once per transaction after
     * {@link #lock}: a row that lock created and no move touched (its settlement was refused) is
     * removed, so a refusal leaves nothing behind.
     */
    void apply(List<Move> moves);

    /**
     * One journalled move of a row.
     *
     * @param kind {@code SETTLE} or {@code REVERSE}
     */
    record Move(YearKey key, String kind, String settlementId, Accumulators delta) {
        public Move {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(delta, "delta");
        }
    }
}

package cn.onestop.settle;

import cn.onestop.kernel.Deadline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Port: personal account balances (个人账户) and their journal. Locked after the accumulator rows and
 * in person-id order, so two settlements that touch the same accounts cannot deadlock.
 */
public interface Accounts {
    /** Locks the accounts in id order; a person without an account has 0. */
    Map<String, Long> lock(Collection<String> personIds, Deadline deadline);

    long peek(String personId);

    /** Moves locked accounts and journals each move; a balance never goes below zero. */
    void move(List<Move> moves);

    /**
     * One journalled move of a locked account.
     *
     * @param before the balance read under lock
     * @param amount signed: a debit is negative; a move of 0 is not written
     * @param kind {@code SETTLE}, {@code FAMILY_AID}, {@code REVERSE}, {@code FAMILY_AID_REVERSE}
     */
    record Move(String personId, long before, long amount, String kind, String settlementId) {
        public Move {
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(kind, "kind");
        }
    }
}

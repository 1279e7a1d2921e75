package cn.onestop.settle;

import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;

import java.util.Optional;

/**
 * The sums a settlement or a reversal would write, checked before the statement that writes them: a
 * year-to-date row plus its delta, an account plus a credit. Out of range is a refusal
 * ({@link Reason#AMOUNT_OUT_OF_RANGE}), never a database error.
 */
final class OutOfRange {
    private OutOfRange() {
    }

    /** The refusal if row {@code key} at {@code row}, moved by {@code delta}, would not fit (or would go negative). */
    static Optional<Failure> yearRow(YearKey key, Accumulators row, Accumulators delta) {
        Accumulator a = row.firstOutOfRange(delta);
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(Failure.of(Reason.AMOUNT_OUT_OF_RANGE, "the year-to-date accumulator " + a.key()
                + " of person " + key.personId() + " (" + key.plan() + " " + key.year() + ") is "
                + row.get(a) + ": moved by " + delta.get(a) + " it would leave the range the ledger keeps "
                + "(0.." + Long.MAX_VALUE + "); nothing was written"));
    }

    /** Account {@code personId} at {@code balance}, credited {@code credit}, if the sum would not fit. */
    static Optional<Failure> account(String personId, long balance, long credit) {
        if (credit <= Long.MAX_VALUE - balance) {
            return Optional.empty();
        }
        return Optional.of(Failure.of(Reason.AMOUNT_OUT_OF_RANGE, "the account of person " + personId + " is at "
                + balance + " fen: a credit of " + credit + " would leave the range the ledger keeps; nothing was "
                + "written"));
    }
}

package cn.onestop.clearing;

import java.util.List;
import java.util.Objects;

/**
 * One settlement on which the ledger and the other list (the centre's or the hospital's) disagree,
 * with both sides' amounts, the original Settle's message id (what a 冲正 names) and what to do.
 *
 * @param line the other list's line, or 0 when only the ledger has it
 * @param there the other list's amounts, or null when it lacks the settlement
 * @param here the ledger's amounts, or null when the ledger lacks it
 * @param fields the fields that differ (for {@link Kind#DIFFERS})
 * @param messageId this entry's own message id (the Settle's, or the Reverse's), as far as known
 * @param originalMessageId the original Settle's message id, as far as the ledger knows it
 */
public record Difference(Kind kind, long line, String setlId, String mdtrtId, String psnNo, String messageId,
                         String originalMessageId, Amounts there, Amounts here, List<String> fields, Action action,
                         String advice) {
    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        fields = List.copyOf(fields);
    }

    public enum Kind {
        /** The other list has it, the ledger does not. */
        MISSING_HERE,
        /** The ledger has it, the other list does not. */
        MISSING_THERE,
        /** Both have it and the amounts, the refund flag or who it was for differ. */
        DIFFERS
    }

    /** What resolves it. */
    public enum Action {
        /** 冲正: reverse the gateway's settlement by its original message id (the counter never finished). */
        REVERSE_HERE,
        /** Record the gateway's settlement or reversal in the other system (upload it, book it). */
        RECORD_THERE,
        /** Send the Settle again with the same message id: the gateway answers it exactly once. */
        SETTLE_AGAIN,
        /** Send the Reverse again with the same message id. */
        REVERSE_AGAIN,
        /** The other system's record is not the one the funds paid: correct it from the gateway's. */
        CORRECT_THERE,
        /** The other system has a settlement the gateway never made: void it there. */
        VOID_THERE
    }

    /** A side's amounts, fen, and its refund flag. */
    public record Amounts(long medfeeSumamt, long fundPaySumamt, long acctPay, int refundFlag) {
    }
}

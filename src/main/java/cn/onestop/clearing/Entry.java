package cn.onestop.clearing;

import cn.onestop.centre.Clearing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One movement of the books as clearing sees it: a settlement, or the reversal of one, on the day it
 * was committed. A reversal carries the settlement's amounts negated, so any sum over entries nets
 * reversals in the day (or month) they were made.
 *
 * @param setlId 结算ID of this entry: the settlement id, or the reversal id for a reversal (退费)
 * @param settlementId the settlement (for a reversal, the one it undid)
 * @param mdtrtId 就诊ID: the national visit (2201 / 2401) the settlement closed, or, for a settlement
 *     made over the gateway's own API, the settlement id
 * @param messageId the message id of this entry: the Settle's, or the Reverse's
 * @param settlementMessageId the original Settle's message id (what a 冲正 names)
 * @param at when it was committed: its accounting day is the local date of this
 * @param funds the fund rows, or empty when they were not asked for
 */
public record Entry(Kind kind, String setlId, String settlementId, String mdtrtId, String personId,
                    String institutionCode,
                    String messageId, String settlementMessageId, Instant at, String plan, Clearing clearing,
                    long medfeeSumamt, long fundPaySumamt, long acctPay, long psnCashPay, long hifpPay,
                    List<FundAmount> funds) {
    /** A settlement, or a reversal (refd_setl_flag 1). */
    public enum Kind { SETTLEMENT, REVERSAL }

    public Entry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(setlId, "setlId");
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(mdtrtId, "mdtrtId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clearing, "clearing");
        funds = List.copyOf(funds);
    }

    /** The national refund flag {@code refd_setl_flag}: 0 a settlement, 1 a reversal. */
    public int refundFlag() {
        return kind == Kind.REVERSAL ? 1 : 0;
    }

    /** +1 for a settlement, -1 for a reversal: what it adds to a net count. */
    public int sign() {
        return kind == Kind.REVERSAL ? -1 : 1;
    }
}

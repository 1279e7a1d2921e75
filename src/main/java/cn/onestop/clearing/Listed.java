package cn.onestop.clearing;

/**
 * One line of a settlement list another system keeps: the centre's detail file (3202) or the
 * hospital billing system's own list. Amounts in fen, signed as written (a refund's are negative).
 *
 * @param line the physical line of the file (1 = the first)
 * @param setlId 结算ID; may be empty in a hospital's list (the billing system never got the answer)
 * @param mdtrtId 就诊ID (the centre's list), empty in a hospital's
 * @param messageId the hospital's message id {@code medins_setl_id} (a hospital's list), empty in the centre's
 * @param refundFlag {@code refd_setl_flag}: 0 a settlement, 1 a refund (reversal)
 */
public record Listed(long line, String setlId, String mdtrtId, String psnNo, String messageId, long medfeeSumamt,
                     long fundPaySumamt, long acctPay, int refundFlag) {
}

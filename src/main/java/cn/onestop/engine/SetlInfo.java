package cn.onestop.engine;

/**
 * The settlement's amounts as the national platform names them (setlinfo), all fen.
 *
 * <pre>
 * medfee_sumamt   = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt
 * fund_pay_sumamt = hifp_pay + hifob_pay + hifmi_pay + cvlserv_pay + maf_pay
 * psn_part_amt    = acct_pay + psn_cash_pay
 * medfee_sumamt   = fund_pay_sumamt + psn_part_amt + hosp_part_amt
 * </pre>
 *
 * {@code meal_allowance} is outside the bill and outside every identity (E §37).
 */
public record SetlInfo(long medfeeSumamt, long fulamtOwnpayAmt, long overlmtSelfpay, long preselfpayAmt,
                       long inscpScpAmt, long actPayDedc, long hifpPay, long hifobPay, long hifmiPay,
                       long cvlservPay, long mafPay, long fundPaySumamt, long acctPay, long acctMulaidPay,
                       long psnCashPay, long psnPartAmt, long hospPartAmt, long balc, long mealAllowance) {
    public SetlInfo {
        if ((medfeeSumamt | fulamtOwnpayAmt | overlmtSelfpay | preselfpayAmt | inscpScpAmt | actPayDedc | hifpPay
                | hifobPay | hifmiPay | cvlservPay | mafPay | fundPaySumamt | acctPay | acctMulaidPay | psnCashPay
                | psnPartAmt | hospPartAmt | balc | mealAllowance) < 0) {
            throw new IllegalStateException("negative amount in settlement");
        }
        check(medfeeSumamt == fulamtOwnpayAmt + overlmtSelfpay + preselfpayAmt + inscpScpAmt, "line identity");
        check(fundPaySumamt == hifpPay + hifobPay + hifmiPay + cvlservPay + mafPay, "fund identity");
        check(psnPartAmt == acctPay + psnCashPay, "personal identity");
        check(medfeeSumamt == fundPaySumamt + psnPartAmt + hospPartAmt, "split identity");
        check(actPayDedc <= inscpScpAmt, "deductible within scope");
        check(acctMulaidPay <= acctPay, "mutual aid within account pay");
        // funds and account pay only in-policy expense (E §18, W §4)
        check(fundPaySumamt + acctPay <= preselfpayAmt + inscpScpAmt, "funds and account within policy scope");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("settlement breaks the " + what);
        }
    }
}

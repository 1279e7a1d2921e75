package cn.onestop.clearing;

/**
 * The figures a totals reconciliation (3201) compares, fen and a net count: {@code medfee_sumamt},
 * {@code fund_pay_sumamt}, {@code acct_pay}, {@code fixmedins_setl_cnt} (settlements less reversals).
 */
public record Figures(long medfeeSumamt, long fundPaySumamt, long acctPay, long count) {
    public static final Figures ZERO = new Figures(0, 0, 0, 0);

    /** How these (the centre's) differ from {@code here}, or an empty string when they do not. */
    String differences(Figures here) {
        StringBuilder sb = new StringBuilder();
        amount(sb, "medfee_sumamt", medfeeSumamt, here.medfeeSumamt);
        amount(sb, "fund_pay_sumamt", fundPaySumamt, here.fundPaySumamt);
        amount(sb, "acct_pay", acctPay, here.acctPay);
        if (count != here.count) {
            sep(sb).append("fixmedins_setl_cnt: centre ").append(count).append(", here ").append(here.count)
                    .append(" (differs by ").append(here.count - count).append(')');
        }
        return sb.toString();
    }

    private static void amount(StringBuilder sb, String name, long centre, long here) {
        if (centre != here) {
            sep(sb).append(name).append(": centre ").append(Yuan.format(centre)).append(", here ")
                    .append(Yuan.format(here)).append(" yuan (differs by ").append(Yuan.format(here - centre))
                    .append(')');
        }
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.length() == 0 ? sb : sb.append("; ");
    }
}

package cn.onestop.clearing;

import cn.onestop.centre.MonthlyAdvance;

/**
 * A statement as CSV, one item a line, amounts in fen and in yuan:
 * {@code institution_code,setlym,item,fund_type,plan,count,amount_fen,amount_yuan,ratio_bp,source}. Items:
 * {@code FUND} (one per fund type), {@code MEDFEE_SUMAMT}, {@code FUND_PAY_SUMAMT}, {@code ACCT_PAY},
 * {@code PSN_CASH_PAY}, per advancing plan {@code GENERAL_INPATIENT_POOL}, {@code ADVANCED},
 * {@code WITHHELD}, then {@code PAYABLE} (what the centre pays with the statement).
 */
public final class StatementCsv {
    public static final String HEADER =
            "institution_code,setlym,item,fund_type,plan,count,amount_fen,amount_yuan,ratio_bp,source";

    private StatementCsv() {
    }

    public static String write(MonthStatement s) {
        StringBuilder out = new StringBuilder(1024).append(HEADER).append('\n');
        for (FundTotal f : s.funds()) {
            line(out, s, "FUND", f.fundType(), "", Long.toString(f.count()), f.amount(), "", "");
        }
        String count = Integer.toString(s.settlements() - s.reversals());
        line(out, s, "MEDFEE_SUMAMT", "", "", count, s.medfeeSumamt(), "", "");
        line(out, s, "FUND_PAY_SUMAMT", "", "", count, s.fundPaySumamt(), "", "");
        line(out, s, "ACCT_PAY", "", "", count, s.acctPay(), "", "");
        line(out, s, "PSN_CASH_PAY", "", "", count, s.psnCashPay(), "", "");
        for (MonthStatement.PlanAdvance a : s.advances()) {
            MonthlyAdvance m = a.advance();
            String bp = Integer.toString(m.ratio().bp());
            line(out, s, "GENERAL_INPATIENT_POOL", "", a.plan(), "", m.generalInpatientPool(), bp, m.ratio().source());
            line(out, s, "ADVANCED", "", a.plan(), "", m.advanced(), bp, m.ratio().source());
            line(out, s, "WITHHELD", "", a.plan(), "", m.withheld(), bp, m.ratio().source());
        }
        line(out, s, "PAYABLE", "", "", "", s.payable(), "", "");
        return out.toString();
    }

    private static void line(StringBuilder out, MonthStatement s, String item, String fund, String plan, String count,
                             long fen, String bp, String source) {
        out.append(s.institutionCode()).append(',').append(s.setlym()).append(',').append(item).append(',')
                .append(fund).append(',').append(plan).append(',').append(count).append(',').append(fen).append(',')
                .append(Yuan.format(fen)).append(',').append(bp).append(',').append(quote(source)).append('\n');
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

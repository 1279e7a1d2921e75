package cn.onestop.cli;

import cn.onestop.api.v1.CloseDayRequest;
import cn.onestop.api.v1.CloseGroup;
import cn.onestop.api.v1.DayClose;
import cn.onestop.api.v1.FundTotal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code onestop close-day}: 日结 of an institution's accounting day, through a running gateway. */
@Command(name = "close-day", mixinStandardHelpOptions = true,
        description = "日结: close an institution's accounting day (once it is over); closing again shows the stored "
                + "close. Totals by insurance type x clearing type x clearing category and fund.")
final class CloseDayCommand implements Callable<Integer> {
    @Mixin
    Remote remote;

    @Option(names = "--institution", required = true, description = "定点医药机构编号")
    String institution;

    @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD", description = "the accounting day")
    String day;

    @Override
    public Integer call() throws Exception {
        return remote.run(institution, s -> s.closeDay(CloseDayRequest.newBuilder().setInstitutionCode(institution).setDay(day)
                .build()), CloseDayCommand::text);
    }

    static String text(DayClose d, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("日结 ", "Day close ")).append(d.getInstitutionCode())
                .append(' ').append(d.getDay()).append("   ").append(l.w("日结时间 ", "closed at "))
                .append(d.getClosedAt()).append('\n').append(counts(l, d.getSettlements(), d.getReversals()))
                .append('\n');
        for (CloseGroup g : d.getGroupsList()) {
            sb.append(Receipt.RULE).append('\n').append(l.w("险种 ", "insutype ")).append(g.getInsutype())
                    .append(l.w("  清算类别 ", "  clr_type ")).append(g.getClrType())
                    .append(l.w("  清算方式 ", "  clr_category ")).append(g.getClrCategory()).append("   ")
                    .append(counts(l, g.getSettlements(), g.getReversals())).append('\n');
            Receipt.row(sb, l.word("medfee_sumamt") + " medfee_sumamt", g.getMedfeeSumamt());
            Receipt.row(sb, l.word("fund_pay_sumamt") + " fund_pay_sumamt", g.getFundPaySumamt());
            funds(sb, l, g.getFundsList());
            Receipt.row(sb, l.word("acct_pay") + " acct_pay", g.getAcctPay());
            Receipt.row(sb, l.word("psn_cash_pay") + " psn_cash_pay", g.getPsnCashPay());
        }
        return sb.toString().stripTrailing();
    }

    /** "结算 3 笔，撤销 1 笔" / "3 settlements, 1 reversal(s)". */
    static String counts(Labels l, long settlements, long reversals) {
        return l.w("结算 " + settlements + " 笔，撤销 " + reversals + " 笔",
                settlements + " settlements, " + reversals + " reversals");
    }

    /** One line per fund: its national name and code, the entries (a reversal counts -1), the amount. */
    static void funds(StringBuilder sb, Labels l, java.util.List<FundTotal> funds) {
        for (FundTotal f : funds) {
            Receipt.row(sb, "  " + l.fundByCode(f.getFundType()) + " " + f.getFundType() + " ×" + f.getCount(),
                    f.getAmount());
        }
    }
}

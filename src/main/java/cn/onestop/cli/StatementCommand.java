package cn.onestop.cli;

import cn.onestop.api.v1.Statement;
import cn.onestop.api.v1.StatementAdvance;
import cn.onestop.api.v1.StatementRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code onestop statement}: an institution's monthly statement (E §50), as text, CSV or JSON. */
@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "月结算单 (E §50): an institution's month per fund, the general inpatient pool advanced and "
                + "withheld; issued from the 1st of the next month, fixed once issued.")
final class StatementCommand implements Callable<Integer> {
    @Mixin
    Remote remote;

    @Option(names = "--institution", required = true)
    String institution;

    @Option(names = "--month", required = true, paramLabel = "YYYYMM", description = "setlym")
    String month;

    @Option(names = "--csv", description = "print the statement as CSV")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        return remote.run(institution, s -> s.getStatement(StatementRequest.newBuilder().setInstitutionCode(institution)
                .setSetlym(month).build()), (st, l) -> csv ? st.getCsv().stripTrailing() : text(st, l));
    }

    static String text(Statement s, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("月结算单 ", "Monthly statement ")).append(s.getInstitutionCode())
                .append(' ').append(s.getSetlym()).append("   ").append(l.w("出具时间 ", "issued at "))
                .append(s.getIssuedAt()).append('\n').append(CloseDayCommand.counts(l, s.getSettlements(),
                        s.getReversals())).append(s.getCentreRules().isEmpty() ? "" : "   " + l.w("中心规则 ",
                        "centre rules ") + s.getCentreRules()).append('\n').append(Receipt.RULE).append('\n');
        Receipt.row(sb, l.word("medfee_sumamt") + " medfee_sumamt", s.getMedfeeSumamt());
        Receipt.row(sb, l.word("fund_pay_sumamt") + " fund_pay_sumamt", s.getFundPaySumamt());
        CloseDayCommand.funds(sb, l, s.getFundsList());
        Receipt.row(sb, l.word("acct_pay") + " acct_pay", s.getAcctPay());
        Receipt.row(sb, l.word("psn_cash_pay") + " psn_cash_pay", s.getPsnCashPay());
        for (StatementAdvance a : s.getAdvancesList()) {
            sb.append(Receipt.RULE).append('\n').append(a.getPlan()).append(l.w(" 住院统筹（普通住院）",
                    " general inpatient pool")).append('\n');
            Receipt.row(sb, l.w("  统筹支付", "  pool paid"), a.getGeneralInpatientPool());
            Receipt.row(sb, l.w("  按月预拨 ", "  advanced at ") + Receipt.percent(a.getAdvanceBp()) + " ("
                    + a.getAdvanceSource() + ")", a.getAdvanced());
            Receipt.row(sb, l.w("  预留", "  withheld"), a.getWithheld());
        }
        sb.append(Receipt.RULE).append('\n');
        Receipt.row(sb, l.w("预留待年终考核 (E §61)", "withheld for the year-end assessment (E §61)"), s.getWithheld());
        Receipt.row(sb, l.w("本期应付", "payable now"), s.getPayable());
        return sb.toString().stripTrailing();
    }
}

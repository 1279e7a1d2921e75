package cn.onestop.cli;

import cn.onestop.api.v1.CloseDayRequest;
import cn.onestop.api.v1.CloseGroup;
import cn.onestop.api.v1.DayClose;
import cn.onestop.api.v1.FundTotal;
import cn.onestop.clearing.Yuan;
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

    static String text(DayClose d) {
        StringBuilder sb = new StringBuilder().append(d.getInstitutionCode()).append(' ').append(d.getDay())
                .append(" closed ").append(d.getClosedAt()).append(": ").append(d.getSettlements())
                .append(" settlements, ").append(d.getReversals()).append(" reversals\n");
        sb.append("insutype clr_type clr_category  settlements reversals  medfee_sumamt fund_pay_sumamt acct_pay "
                + "psn_cash_pay  funds\n");
        for (CloseGroup g : d.getGroupsList()) {
            sb.append(String.format("%-8s %-8s %-14s %11d %9d  %13s %15s %8s %12s ", g.getInsutype(), g.getClrType(),
                    g.getClrCategory(), g.getSettlements(), g.getReversals(), Yuan.format(g.getMedfeeSumamt()),
                    Yuan.format(g.getFundPaySumamt()), Yuan.format(g.getAcctPay()), Yuan.format(g.getPsnCashPay())));
            for (FundTotal f : g.getFundsList()) {
                sb.append(' ').append(f.getFundType()).append('=').append(Yuan.format(f.getAmount())).append('(')
                        .append(f.getCount()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}

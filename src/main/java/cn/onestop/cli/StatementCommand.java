package cn.onestop.cli;

import cn.onestop.api.v1.Statement;
import cn.onestop.api.v1.StatementAdvance;
import cn.onestop.api.v1.StatementRequest;
import cn.onestop.clearing.Yuan;
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
                .setSetlym(month).build()), st -> csv ? st.getCsv().stripTrailing() : text(st));
    }

    static String text(Statement s) {
        StringBuilder sb = new StringBuilder().append(s.getInstitutionCode()).append(' ').append(s.getSetlym())
                .append(" issued ").append(s.getIssuedAt()).append(": ").append(s.getSettlements())
                .append(" settlements, ").append(s.getReversals()).append(" reversals\n");
        s.getFundsList().forEach(f -> sb.append(String.format("  fund %s  %6d  %14s%n", f.getFundType(), f.getCount(),
                Yuan.format(f.getAmount()))));
        for (StatementAdvance a : s.getAdvancesList()) {
            sb.append(String.format("  %s general inpatient pool %s: advanced %s (%d bp, %s), withheld %s%n",
                    a.getPlan(), Yuan.format(a.getGeneralInpatientPool()), Yuan.format(a.getAdvanced()),
                    a.getAdvanceBp(), a.getAdvanceSource(), Yuan.format(a.getWithheld())));
        }
        sb.append("  payable ").append(Yuan.format(s.getPayable())).append(" yuan");
        return sb.toString();
    }
}

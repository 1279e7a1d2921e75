package cn.onestop.cli;

import cn.onestop.api.v1.CentreTotal;
import cn.onestop.api.v1.DetailDifference;
import cn.onestop.api.v1.DetailReconciliation;
import cn.onestop.api.v1.ReconcileDetailRequest;
import cn.onestop.api.v1.ReconcileHospitalRequest;
import cn.onestop.api.v1.ReconcileTotalsRequest;
import cn.onestop.api.v1.TotalsReconciliation;
import cn.onestop.api.v1.TotalsRow;
import cn.onestop.clearing.Yuan;
import com.google.protobuf.ByteString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code onestop reconcile totals|detail|hospital}: 对账 with the centre and with the hospital billing system. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "对账: totals (3201) or details (3202) with the centre, or details with the hospital's list.",
        subcommands = {ReconcileCommand.Totals.class, ReconcileCommand.Detail.class, ReconcileCommand.Hospital.class})
final class ReconcileCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The totals file's columns. */
    static final List<String> TOTALS = List.of("insutype", "clr_type", "clr_category", "medfee_sumamt",
            "fund_pay_sumamt", "acct_pay", "fixmedins_setl_cnt");

    @Command(name = "totals", mixinStandardHelpOptions = true,
            description = "3201: the centre's totals (a TAB-separated file: insutype clr_type clr_category "
                    + "medfee_sumamt fund_pay_sumamt acct_pay fixmedins_setl_cnt, amounts in yuan) against the "
                    + "ledger's; each row balanced (stmt_rslt 0) or what differs (1).")
    static final class Totals implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
        String from;
        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
        String to;
        @Parameters(paramLabel = "FILE", description = "the centre's totals")
        Path file;

        @Override
        public Integer call() throws Exception {
            List<String> errors = new ArrayList<>();
            List<CentreTotal> rows = readTotals(file, errors);
            if (!errors.isEmpty()) {
                return Remote.refusedHere(System.err, file + " has " + errors.size() + " bad line(s)", errors);
            }
            return remote.run(institution, s -> s.reconcileTotals(ReconcileTotalsRequest.newBuilder().setInstitutionCode(institution)
                    .setStmtBegndate(from).setStmtEnddate(to).addAllRows(rows).build()), ReconcileCommand::text);
        }
    }

    /** Reads the totals file; every bad line is named in {@code errors}. */
    static List<CentreTotal> readTotals(Path file, List<String> errors) throws IOException {
        List<CentreTotal> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            if (s.isBlank() || (out.isEmpty() && s.startsWith("insutype\t"))) {
                continue;
            }
            String[] c = s.split("\t", -1);
            if (c.length != TOTALS.size()) {
                errors.add("line " + (i + 1) + ": a " + (c.length < TOTALS.size() ? "short" : "long") + " row: "
                        + TOTALS.size() + " TAB-separated fields expected (" + String.join(", ", TOTALS) + "), got "
                        + c.length);
                continue;
            }
            long[] fen = new long[3];
            boolean ok = true;
            for (int k = 0; k < 3; k++) {
                String p = Yuan.problem(c[3 + k].trim());
                if (p != null) {
                    errors.add("line " + (i + 1) + ", " + TOTALS.get(3 + k) + ": " + p);
                    ok = false;
                } else {
                    fen[k] = Yuan.fen(c[3 + k].trim());
                }
            }
            long count = 0;
            try {
                count = Long.parseLong(c[6].trim());
            } catch (NumberFormatException e) {
                errors.add("line " + (i + 1) + ", fixmedins_setl_cnt: not a count: \"" + c[6].trim() + "\"");
                ok = false;
            }
            if (ok) {
                out.add(CentreTotal.newBuilder().setInsutype(c[0].trim()).setClrType(c[1].trim())
                        .setClrCategory(c[2].trim()).setMedfeeSumamt(fen[0]).setFundPaySumamt(fen[1]).setAcctPay(fen[2])
                        .setFixmedinsSetlCnt(count).build());
            }
        }
        return out;
    }

    static String text(TotalsReconciliation t, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("总额对账 ", "Totals reconciliation "))
                .append(t.getInstitutionCode())
                .append(' ').append(t.getStmtBegndate()).append("..").append(t.getStmtEnddate()).append(": ")
                .append(t.getBalanced() ? l.w("平", "balanced") : l.w("不平", "differs"))
                .append(t.getComplete() ? "" : l.w("（期间未结束）", " (the range is not over yet)")).append('\n');
        for (TotalsRow r : t.getRowsList()) {
            sb.append(String.format("  %s %s %-14s stmt_rslt %s  %s%n", r.getInsutype(), r.getClrType(),
                    r.getClrCategory(), r.getStmtRslt(), r.getStmtRsltDscr()));
        }
        return sb.toString().stripTrailing();
    }

    static String text(DetailReconciliation d, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("明细对账 ", "Detail reconciliation "))
                .append(d.getInstitutionCode())
                .append(' ').append(d.getStmtBegndate()).append("..").append(d.getStmtEnddate()).append(": ")
                .append(l.w("对方 " + d.getLines() + " 笔，本方 " + d.getEntries() + " 笔，一致 " + d.getMatched()
                        + " 笔，差异 " + d.getDifferencesCount() + " 笔", d.getLines() + " listed, " + d.getEntries()
                        + " in the ledger, " + d.getMatched() + " matched, " + d.getDifferencesCount()
                        + " differences"))
                .append('\n');
        for (DetailDifference x : d.getDifferencesList()) {
            sb.append("  ").append(x.getKind()).append(' ').append(x.getSetlId().isEmpty() ? x.getMsgid()
                    : x.getSetlId()).append(x.getLine() > 0 ? l.w("（第 " + x.getLine() + " 行）", " (line " + x.getLine()
                    + ")") : "").append(": ").append(x.getAction()).append(" - ").append(x.getAdvice()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    @Command(name = "detail", mixinStandardHelpOptions = true,
            description = "3202: the centre's detail file (TAB-separated: setl_id mdtrt_id psn_no medfee_sumamt "
                    + "fund_pay_sumamt acct_pay refd_setl_flag; plain or zipped) against the ledger; every difference.")
    static final class Detail implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
        String from;
        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
        String to;
        @Parameters(paramLabel = "FILE", description = "the centre's detail file")
        Path file;

        @Override
        public Integer call() throws Exception {
            ByteString bytes = ByteString.copyFrom(Files.readAllBytes(file)); // read whole, the file closed
            return remote.run(institution, s -> s.reconcileDetail(ReconcileDetailRequest.newBuilder()
                    .setInstitutionCode(institution).setStmtBegndate(from).setStmtEnddate(to).setFile(bytes).build()), ReconcileCommand::text);
        }
    }

    @Command(name = "hospital", mixinStandardHelpOptions = true,
            description = "The hospital billing system's list of a day (TAB-separated: medins_setl_id setl_id psn_no "
                    + "medfee_sumamt fund_pay_sumamt acct_pay refd_setl_flag) against the ledger: one-sided "
                    + "settlements with the reversal or the record to make.")
    static final class Hospital implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD")
        String day;
        @Parameters(paramLabel = "FILE", description = "the billing system's list")
        Path file;

        @Override
        public Integer call() throws Exception {
            ByteString bytes = ByteString.copyFrom(Files.readAllBytes(file)); // read whole, the file closed
            return remote.run(institution, s -> s.reconcileWithHospital(ReconcileHospitalRequest.newBuilder()
                    .setInstitutionCode(institution).setStmtDate(day).setFile(bytes).build()), ReconcileCommand::text);
        }
    }
}

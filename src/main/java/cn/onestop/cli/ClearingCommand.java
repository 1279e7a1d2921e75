package cn.onestop.cli;

import cn.onestop.api.v1.ApplyClearingRequest;
import cn.onestop.api.v1.ClearingApplication;
import cn.onestop.api.v1.ClearingApplicationRef;
import cn.onestop.api.v1.ClearingConfirmation;
import cn.onestop.api.v1.ClearingPage;
import cn.onestop.api.v1.ClearingRow;
import cn.onestop.api.v1.ConfirmClearingRequest;
import cn.onestop.api.v1.ConfirmRow;
import cn.onestop.api.v1.ListClearingRequest;
import cn.onestop.api.v1.RollbackClearingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code onestop clearing list|confirm|rollback|apply|withdraw}: a clearing node's extract of an insured
 * region's month (3260–3262), and an institution's clearing application (3203/3204).
 */
@Command(name = "clearing", mixinStandardHelpOptions = true,
        description = "异地清分: list, confirm or roll back an insured region's month; 清算申请: apply or withdraw.",
        subcommands = {ClearingCommand.ListRows.class, ClearingCommand.Confirm.class, ClearingCommand.Rollback.class,
                ClearingCommand.Apply.class, ClearingCommand.Withdraw.class})
final class ClearingCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The region and month a node works on (the regions it serves are its identity's). */
    static final class Region {
        @Option(names = "--region", required = true, paramLabel = "ADMDVS", description = "insuplc_admdvs, 6 digits")
        String region;
        @Option(names = "--month", required = true, paramLabel = "YYYYMM", description = "setlym")
        String month;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "3260: a page of 100 rows of the region's month, from --startrow.")
    static final class ListRows implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Mixin
        Region r;
        @Option(names = "--startrow", defaultValue = "1", description = "first row, from 1 (default: ${DEFAULT-VALUE})")
        int startrow;

        @Override
        public Integer call() throws Exception {
            return remote.run(s -> s.listClearing(ListClearingRequest.newBuilder().setInsuplcAdmdvs(r.region)
                    .setSetlym(r.month).setStartrow(startrow).build()), ClearingCommand::text);
        }
    }

    static String text(ClearingPage p, Labels l) {
        int last = p.getStartrow() + p.getRowsCount() - 1;
        StringBuilder sb = new StringBuilder().append(l.w("异地清分 参保地 ", "Clearing, insured region "))
                .append(p.getInsuplcAdmdvs()).append(' ').append(p.getSetlym()).append(": ")
                .append(l.w("第 " + p.getStartrow() + "–" + last + " 行，共 " + p.getTotal() + " 行，已确认 "
                        + p.getConfirmed() + " 行", "rows " + p.getStartrow() + "–" + last + " of " + p.getTotal()
                        + ", " + p.getConfirmed() + " confirmed")).append(" (")
                .append(p.getStatus()).append(")\n");
        for (ClearingRow x : p.getRowsList()) {
            sb.append(String.format("  %4d %s %s %s %s->%s %s %s %s%14s%s%n", x.getRow(), x.getSetlId(),
                    x.getPsnNo(), x.getFixmedinsCode(), x.getInsuplcAdmdvs(), x.getMdtrtareaAdmvs(),
                    x.getClrCategory(), x.getClrType(), x.getRefdSetlFlag() == 1 ? l.w("退费", "refund") : "",
                    Receipt.yuan(x.getFundPaySumamt()), x.getConfirmed() ? l.w(" 已确认", " confirmed") : ""));
        }
        return sb.toString().stripTrailing();
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "3261: confirm the month's extract as it is listed now, every row with its fund total.")
    static final class Confirm implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Mixin
        Region r;

        @Override
        public Integer call() throws Exception {
            List<ConfirmRow> rows = new ArrayList<>();
            int[] listed = {0};
            int code = remote.run(s -> {
                int start = 1;
                ClearingPage page;
                do {
                    page = s.listClearing(ListClearingRequest.newBuilder()
                            .setInsuplcAdmdvs(r.region).setSetlym(r.month).setStartrow(start).build());
                    page.getRowsList().forEach(x -> rows.add(ConfirmRow.newBuilder().setSetlId(x.getSetlId())
                            .setFundPaySumamt(x.getFundPaySumamt()).build()));
                    start += page.getRowsCount();
                } while (page.getRowsCount() > 0 && start <= page.getTotal());
                listed[0] = rows.size();
                return s.confirmClearing(ConfirmClearingRequest.newBuilder()
                        .setInsuplcAdmdvs(r.region).setSetlym(r.month).addAllRows(rows).build());
            }, (ClearingConfirmation c, Labels l) -> c.getInsuplcAdmdvs() + " " + c.getSetlym() + ": "
                    + l.w("本次确认 " + c.getConfirmedNow() + " 行，已确认 " + c.getConfirmed() + " / " + c.getTotal() + " 行",
                    c.getConfirmedNow() + " rows confirmed now, " + c.getConfirmed() + " of " + c.getTotal())
                    + " (" + c.getStatus() + ")");
            return code;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "3262: roll the month's confirmation back.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Mixin
        Region r;
        @Option(names = "--reason", defaultValue = "")
        String reason;

        @Override
        public Integer call() throws Exception {
            return remote.run(s -> s.rollbackClearing(RollbackClearingRequest.newBuilder()
                    .setInsuplcAdmdvs(r.region).setSetlym(r.month).setReason(reason)
                    .build()), (x, l) -> l.w("已回退确认 " + x.getRolledBack() + " 行", x.getRolledBack()
                    + " confirmed rows rolled back"));
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "3203: apply for a month's clearing of one clearing type (its totals must reconcile).")
    static final class Apply implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--institution", required = true)
        String institution;
        @Option(names = "--clr-type", required = true, description = "11, 21 or 41")
        String type;
        @Option(names = "--month", required = true, paramLabel = "YYYYMM")
        String month;

        @Override
        public Integer call() throws Exception {
            return remote.run(institution, s -> s.applyClearing(ApplyClearingRequest.newBuilder().setInstitutionCode(institution)
                    .setClrType(type).setSetlym(month).build()), ClearingCommand::text);
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "3204: withdraw an application.")
    static final class Withdraw implements Callable<Integer> {
        @Mixin
        Remote remote;
        @Option(names = "--application", required = true)
        String id;

        @Override
        public Integer call() throws Exception {
            return remote.run(s -> s.withdrawClearing(ClearingApplicationRef.newBuilder().setApplicationId(id).build()),
                    ClearingCommand::text);
        }
    }

    static String text(ClearingApplication a, Labels l) {
        StringBuilder sb = new StringBuilder().append(l.w("清算申请 ", "Clearing application "))
                .append(a.getApplicationId())
                .append("   ").append(a.getInstitutionCode()).append(' ').append(a.getSetlym()).append(" clr_type ")
                .append(a.getClrType()).append(": ").append(a.getStatus()).append('\n').append(l.w("人次 ", "visits "))
                .append(a.getPsntime()).append('\n');
        Receipt.row(sb, l.word("medfee_sumamt") + " medfee_sumamt", a.getMedfeeSumamt());
        Receipt.row(sb, l.w("申请基金支付 fund_appy_sum", "funds applied for fund_appy_sum"), a.getFundAppySum());
        return sb.toString().stripTrailing();
    }
}

package cn.onestop.bench;

import cn.onestop.api.v1.ClearingServiceGrpc;
import cn.onestop.api.v1.DetailReconciliation;
import cn.onestop.api.v1.ReconcileDetailRequest;
import cn.onestop.api.v1.ReconcileTotalsRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.clearing.Yuan;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.gateway.ClearingConfig;
import cn.onestop.gateway.Gateway;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import cn.onestop.gateway.ServerConfig;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Settlement throughput while the clearing side reconciles a month: 16 terminals settle over gRPC,
 * alternately alone and while a finance client reconciles last month (a 100,000-settlement month:
 * the centre's detail file against the ledger, then the totals), back to back for the whole window.
 * The drop is measured against the mean of the plain windows around each loaded one, same run,
 * same database; windows alternate, after a 40 s warm-up, so drift and a busy neighbour cancel out.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar cn.onestop.bench.ReconciliationLoad [clients] [seconds] [rounds]
 * </pre>
 */
public final class ReconciliationLoad {
    private static final int MONTH = 100_000;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        double share = args.length > 3 ? Double.parseDouble(args[3]) : ClearingConfig.defaults().cpuShare();
        int persons = 2_000;
        Path dir = Path.of("benchmarks", "target", "loadgen-db");
        DatabaseConfig cfg = DatabaseConfig.embedded(dir).withDatabase("recon_" + System.currentTimeMillis());
        try (Database db = Database.open(cfg)) {
            PlainLoad.enrol(db, persons);
            Gateway gateway = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false),
                    ClearingConfig.defaults().withCpuShare(share), Clock.systemUTC(),
                    io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forPort(0));
            gateway.identities().add(Caller.local("bench"), new Principal(PlainLoad.INSTITUTION, Role.INSTITUTION,
                    PlainLoad.INSTITUTION, Set.of(), false));
            String token = gateway.identities().issue(Caller.local("bench"), PlainLoad.INSTITUTION, false).token();
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                    .maxInboundMessageSize(64 << 20).build();
            try {
                LocalDate first = LocalDate.now(ZONE).withDayOfMonth(1).minusMonths(1);
                byte[] file = lastMonth(db, channel, token, first);
                var clearing = ClearingServiceGrpc.newBlockingStub(channel).withMaxOutboundMessageSize(64 << 20)
                        .withCallCredentials(PlainLoad.bearer(token));
                ReconcileDetailRequest detail = ReconcileDetailRequest.newBuilder()
                        .setInstitutionCode(PlainLoad.INSTITUTION).setStmtBegndate(first.toString())
                        .setStmtEnddate(first.plusMonths(1).minusDays(1).toString()).setFile(ByteString.copyFrom(file))
                        .build();
                long t0 = System.nanoTime();
                DetailReconciliation d = clearing.reconcileDetail(detail);
                System.out.printf("one detail reconciliation alone: %d lines, %d entries, %d matched, %d differences, "
                        + "%d ms%n", d.getLines(), d.getEntries(), d.getMatched(), d.getDifferencesCount(),
                        (System.nanoTime() - t0) / 1_000_000);
                PlainLoad.settlements(gateway.port(), token, clients, 40, persons); // warm-up: JIT, buffer pool
                List<double[]> rows = new ArrayList<>();
                double before = PlainLoad.settlements(gateway.port(), token, clients, seconds, persons).perSecond();
                for (int r = 0; r < rounds; r++) {
                    AtomicBoolean stop = new AtomicBoolean();
                    AtomicLong done = new AtomicLong();
                    AtomicLong busy = new AtomicLong();
                    Thread finance = new Thread(() -> {
                        while (!stop.get()) {
                            long s0 = System.nanoTime();
                            clearing.withDeadlineAfter(5, TimeUnit.MINUTES).reconcileDetail(detail);
                            clearing.withDeadlineAfter(5, TimeUnit.MINUTES).reconcileTotals(ReconcileTotalsRequest
                                    .newBuilder().setInstitutionCode(detail.getInstitutionCode())
                                    .setStmtBegndate(detail.getStmtBegndate()).setStmtEnddate(detail.getStmtEnddate())
                                    .build());
                            busy.addAndGet(System.nanoTime() - s0);
                            done.incrementAndGet();
                        }
                    });
                    finance.start();
                    double[] cpu0 = cpu();
                    double loaded = PlainLoad.settlements(gateway.port(), token, clients, seconds, persons).perSecond();
                    double[] cpu1 = cpu();
                    stop.set(true);
                    finance.join();
                    double[] cpu2 = cpu();
                    double after = PlainLoad.settlements(gateway.port(), token, clients, seconds, persons).perSecond();
                    double[] cpu3 = cpu();
                    System.out.printf("round %d: cpu s (jvm, mariadb) loaded window %.1f + %.1f, plain window %.1f + %.1f%n",
                            r + 1, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], cpu3[0] - cpu2[0], cpu3[1] - cpu2[1]);
                    rows.add(new double[] {before, loaded, after, done.get(), busy.get() / 1e6 / Math.max(1, done.get())});
                    before = after;
                }
                System.out.printf("%nmachine: %d cores, %s; %d clients; %d s windows; month of %d settlements; "
                        + "clearing.cpu-share %.2f%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.version"), clients, seconds, MONTH + 1, share);
                System.out.println("| round | settle/s before | settle/s while reconciling | settle/s after | drop "
                        + "| reconciliations in the window | ms each (detail + totals) |");
                System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
                double drops = 0;
                for (int r = 0; r < rows.size(); r++) {
                    double[] x = rows.get(r);
                    double drop = 1 - x[1] / ((x[0] + x[2]) / 2);
                    drops += drop;
                    System.out.printf("| %d | %.0f | %.0f | %.0f | %.1f%% | %.0f | %.0f |%n", r + 1, x[0], x[1], x[2],
                            100 * drop, x[3], x[4]);
                }
                double[] sorted = rows.stream().mapToDouble(x -> 1 - x[1] / ((x[0] + x[2]) / 2)).sorted().toArray();
                double plain = rows.stream().mapToDouble(x -> (x[0] + x[2]) / 2).sum();
                double loaded = rows.stream().mapToDouble(x -> x[1]).sum();
                System.out.printf("mean drop: %.1f%%, median %.1f%%, all windows together %.1f%%%n",
                        100 * drops / rows.size(), 100 * sorted[sorted.length / 2], 100 * (1 - loaded / plain));
            } finally {
                channel.shutdownNow();
                gateway.close();
            }
        }
    }

    /** CPU seconds so far of this JVM and of the embedded MariaDB server (from /proc). */
    static double[] cpu() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        double jvm = os.getProcessCpuTime() / 1e9;
        double db = 0;
        try (var dirs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path p : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = java.nio.file.Files.readString(p.resolve("cmdline"));
                    if (cmd.contains("mariadbd") && cmd.contains("loadgen-db")) {
                        String[] f = java.nio.file.Files.readString(p.resolve("stat")).split("\\) ")[1].split(" ");
                        db += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // a process that went away
                }
            }
        } catch (java.io.IOException e) {
            return new double[] {jvm, -1};
        }
        return new double[] {jvm, db};
    }

    /** Settles one stay, copies it into last month {@value #MONTH} times, and answers the centre's file of the month. */
    private static byte[] lastMonth(Database db, ManagedChannel channel, String token, LocalDate first)
            throws Exception {
        SettleRequest seed = PlainLoad.bill(0, 0, 0, new SplittableRandom(1)).toBuilder().setMessageId("seed")
                .build();
        var record = SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(PlainLoad.bearer(token))
                .settle(seed).getRecord();
        String id = record.getSettlementId();
        // the copies start at last month's first midnight plus a minute: the seed's time shifted back
        long back = java.time.Duration.between(first.atStartOfDay(ZONE).toInstant().plusSeconds(60),
                java.time.Instant.parse(record.getCreatedAt())).toNanos() / 1000;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema "
                    + "= DATABASE() AND table_name = 'settlements' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
            List<String> exprs = new ArrayList<>();
            for (String col : cols) {
                exprs.add(switch (col) {
                    case "settlement_id" -> "CONCAT('S-M-', LPAD(seq, 6, '0'))";
                    case "message_id" -> "CONCAT('m-M-', seq)";
                    case "person_id" -> "CONCAT('LG', LPAD(seq MOD 2000, 8, '0'))";
                    case "created_at" -> "created_at - INTERVAL " + back + " MICROSECOND + INTERVAL (seq * 20000) "
                            + "MICROSECOND";
                    default -> col;
                });
            }
            st.execute("INSERT INTO settlements (" + String.join(", ", cols) + ") SELECT " + String.join(", ", exprs)
                    + " FROM settlements, seq_1_to_" + MONTH + " WHERE settlement_id = '" + id + "'");
            st.execute("INSERT INTO settlement_funds (settlement_id, fund, fund_type, amount, seq) SELECT "
                    + "CONCAT('S-M-', LPAD(s.seq, 6, '0')), f.fund, f.fund_type, f.amount, f.seq FROM settlement_funds f, "
                    + "seq_1_to_" + MONTH + " s WHERE f.settlement_id = '" + id + "'");
            c.commit();
            StringBuilder out = new StringBuilder(MONTH * 80);
            try (ResultSet rs = st.executeQuery("SELECT settlement_id, person_id, medfee_sumamt, fund_pay_sumamt, "
                    + "acct_pay FROM settlements WHERE settlement_id LIKE 'S-M-%'")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\t').append(rs.getString(1)).append('\t').append(rs.getString(2))
                            .append('\t').append(Yuan.format(rs.getLong(3))).append('\t')
                            .append(Yuan.format(rs.getLong(4))).append('\t').append(Yuan.format(rs.getLong(5)))
                            .append("\t0\n");
                }
            }
            c.commit();
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}

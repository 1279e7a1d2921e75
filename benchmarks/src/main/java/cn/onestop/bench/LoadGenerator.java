package cn.onestop.bench;

import cn.onestop.api.v1.EchoServiceGrpc;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Stats;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.enrolment.EnrolmentImport;
import cn.onestop.enrolment.InstitutionImport;
import cn.onestop.kernel.ImportReport;
import cn.onestop.ledger.LedgerAudit;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Load on a real gateway, each run beside its baseline on the same machine in the same run: a
 * database server (the embedded MariaDB, {@code innodb_flush_log_at_trx_commit=1}), the gateway
 * started from {@code target/onestop.jar} as its own process with TLS and the development CA, and
 * thousands of persons enrolled through the ordinary import. Then, at each concurrency:
 * <ul>
 *   <li>the raw one-row INSERT + COMMIT on that database, and {@code Settle} over gRPC;
 *   <li>the echo service ({@code bench.echo}: the transport with the same message, the same
 *       interceptor, authentication and worker hand-off), and {@code PreSettle};
 * </ul>
 * then {@code Settle} with many callers on a few persons, {@code PreSettle} at half its peak rate,
 * the gateway's heap (polled through {@code GetStats}), and the ledger audit afterwards. Every
 * call presents the client certificate of the institution it settles for. Results go to a JSON
 * file the report reads.
 *
 * <pre>
 *   LoadGenerator [--callers 16,32] [--sweep 1,4,16,32,64] [--seconds 8] [--warmup 2] [--persons 5000]
 *                 [--out FILE] [--work DIR] [--jfr FILE] [--gateway-jvm "OPTS"] [--set key=value]...
 * </pre>
 * It targets only 127.0.0.1, where it starts the gateway itself.
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Options opt;
    private final Workload workload;
    private final Map<String, SettlementServiceGrpc.SettlementServiceBlockingStub> settle = new HashMap<>();
    private final Map<String, EchoServiceGrpc.EchoServiceBlockingStub> echo = new HashMap<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private RuleAdminServiceGrpc.RuleAdminServiceBlockingStub admin;
    private Database db;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private long gatewayPid = -1;
    private long databasePid = -1;
    private final ArrayNode runs = JSON.createArrayNode();
    private int runNo;

    private LoadGenerator(Options opt) {
        this.opt = opt;
        this.workload = new Workload(opt.persons);
    }

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        new LoadGenerator(opt).run();
    }

    private void run() throws Exception {
        Files.createDirectories(opt.work);
        String name = "bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        Path pki = opt.work.resolve("pki-" + name);
        ObjectNode out = JSON.createObjectNode();
        out.put("measured_at", LocalDateTime.now().toString());
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(opt.work.resolve("mariadb"));
             Database database = Database.open(DatabaseConfig.external(server.jdbcUrl(""), server.user(),
                     server.password()).withDatabase(name))) {
            dbUser = server.user();
            dbPassword = server.password();
            db = database;
            String url = server.jdbcUrl(name);
            dbUrl = url;
            enrol();
            try (Connection c = db.dataSource().getConnection()) {
                databasePid = Probes.databasePid(c);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("db.url", url);
            settings.put("db.user", server.user());
            settings.put("db.password", server.password());
            settings.put("samples.load", "false");
            settings.put("tls.dir", pki.toAbsolutePath().toString());
            settings.put("bench.echo", "true");
            settings.putAll(opt.settings);
            List<String> jvm = new ArrayList<>(opt.gatewayJvm);
            if (opt.jfr != null) {
                jvm.add("-XX:StartFlightRecording=filename=" + opt.jfr.toAbsolutePath() + ",settings=profile,dumponexit=true");
            }
            System.out.printf("database %s (embedded MariaDB, innodb_flush_log_at_trx_commit=1); %d persons enrolled%n",
                    name, opt.persons);
            try (GatewayProcess gateway = GatewayProcess.start(opt.jar, opt.work, settings, jvm)) {
                gatewayPid = gateway.pid();
                connect(pki, gateway.port());
                out.set("settings", settings(settings, jvm));
                measure(out);
                closeChannels();
            }
            out.set("runs", runs);
            out.set("audit", audit());
        } finally {
            closeChannels();
        }
        out.set("machine", machine());
        ArrayNode cmp = out.putArray("comparison_callers");
        for (int c : opt.callers) {
            cmp.add(c);
        }
        out.put("batching", batching());
        Files.createDirectories(opt.out.toAbsolutePath().getParent());
        JSON.writeValue(opt.out.toFile(), out);
        System.out.println("results: " + opt.out);
    }

    /** The sample institutions, the persons (through the import), and the raw-commit table. */
    private void enrol() throws Exception {
        check(new InstitutionImport(db.dataSource()).importInstitutions(Path.of("config", "samples", "institutions.csv")));
        check(EnrolmentImport.forPlans(db.dataSource(), RuleFiles.loadBundled())
                .importPersons("load generator", new StringReader(workload.personsCsv()), null));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bench_commit (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(64) NOT NULL) "
                    + "ENGINE=InnoDB");
            c.commit();
        }
    }

    private static void check(ImportReport r) {
        if (!r.ok()) {
            throw new IllegalStateException("import refused: " + r.errors());
        }
    }

    /** One TLS channel per institution with its development certificate, and one as the administrator. */
    private void connect(Path pki, int port) throws Exception {
        String target = InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
        for (List<String> codes : List.of(all(Workload.HOSPITALS), all(Workload.PHARMACIES))) {
            for (String code : codes) {
                ManagedChannel ch = channel(pki, target, code);
                settle.put(code, SettlementServiceGrpc.newBlockingStub(ch));
                echo.put(code, EchoServiceGrpc.newBlockingStub(ch));
            }
        }
        admin = RuleAdminServiceGrpc.newBlockingStub(channel(pki, target, "admin"));
    }

    private static List<String> all(Map<String, List<String>> m) {
        return m.values().stream().flatMap(List::stream).toList();
    }

    private ManagedChannel channel(Path pki, String target, String subject) throws Exception {
        ManagedChannel ch = Grpc.newChannelBuilder(target, TlsChannelCredentials.newBuilder()
                        .trustManager(pki.resolve("ca.crt").toFile())
                        .keyManager(pki.resolve("clients/" + subject + ".crt").toFile(),
                                pki.resolve("clients/" + subject + ".key").toFile()).build())
                .overrideAuthority("localhost").build();
        channels.add(ch);
        return ch;
    }

    private void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }

    private void measure(ObjectNode out) throws Exception {
        List<Workload.Visit3> dropped = workload.keep(this::settles);
        if (!dropped.isEmpty()) {
            System.out.println("left out of the mix (the plan's rules have no section for the visit): " + dropped
                    .stream().map(v -> v.plan() + " " + v.kind().type()).distinct().toList());
        }
        out.put("mix", workload.describe());
        Runner.run(new Runner.Plan("warm-up: Settle, PreSettle, Echo", 16, 0, opt.warmupAll, 0, 0),
                (caller, n, rnd) -> {
                    int person = rnd.nextInt(opt.persons);
                    SettleRequest r = Workload.request(workload.visitFor(person, rnd), person,
                            "w-" + caller + "-" + n, rnd);
                    switch ((int) (n % 3)) {
                        case 0 -> stub(r).settle(r);
                        case 1 -> stub(r).preSettle(r);
                        default -> echo.get(r.getInstitutionCode()).withDeadlineAfter(30, TimeUnit.SECONDS).echo(r);
                    }
                });
        Stats before = Probes.HeapWatch.stats(admin);
        double presettlePeak = 0;
        try (Probes.HeapWatch heap = new Probes.HeapWatch(admin, 200)) {
            for (int callers : opt.sweep) {
                if (opt.does("raw_commit")) {
                    record("raw_commit", callers, 0, rawCommits(callers));
                }
                if (opt.does("settle")) {
                    record("settle", callers, 0, settleRun("Settle", callers, opt.persons, 0));
                }
                if (opt.does("echo")) {
                    record("echo", callers, 0, echoRun(callers));
                }
                if (opt.does("presettle")) {
                    Runner.Measured p = presettleRun(callers, 0);
                    record("presettle", callers, 0, p);
                    presettlePeak = Math.max(presettlePeak, p.perSecond());
                }
            }
            if (opt.does("contended")) {
                record("settle_contended", opt.contendedCallers, 0,
                        settleRun("Settle, contended (" + opt.contendedPersons + " persons)", opt.contendedCallers,
                                opt.contendedPersons, 0));
            }
            out.put("heap_peak_used_bytes", heap.peakUsed());
            out.put("heap_peak_after_gc_bytes", heap.peakAfterGc());
            out.put("heap_max_bytes", heap.max());
        }
        double half = presettlePeak / 2;
        if (opt.does("half_load") && half > 0) {
            record("presettle_half_load", opt.halfLoadCallers, half, presettleRun(opt.halfLoadCallers, half));
        }
        Stats after = Probes.HeapWatch.stats(admin);
        out.put("gateway_threads", after.getExecutorThreads());
        out.put("gateway_db_pool", after.getDbPoolTotal());
        out.put("settle_batches", after.getSettleBatches() - before.getSettleBatches());
        out.put("settle_batched", after.getSettleBatched() - before.getSettleBatched());
    }

    /** The preflight: does this visit settle for a person of its plan? (one PreSettle) */
    private boolean settles(Workload.Visit3 v) {
        int person = 0;
        while (!Workload.plan(person).equals(v.plan())) {
            person++;
        }
        SettleRequest r = Workload.request(v, person, "preflight", new SplittableRandom(1));
        try {
            stub(r).withDeadlineAfter(30, TimeUnit.SECONDS).preSettle(r);
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    private SettlementServiceGrpc.SettlementServiceBlockingStub stub(SettleRequest r) {
        return settle.get(r.getInstitutionCode()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private Runner.Measured settleRun(String name, int callers, int persons, double rate) throws Exception {
        int run = ++runNo;
        return Runner.run(new Runner.Plan(name, callers, opt.warmup, opt.seconds, 0, rate), (caller, n, rnd) -> {
            int person = rnd.nextInt(persons);
            SettleRequest r = Workload.request(workload.visitFor(person, rnd), person,
                    "r" + run + "-" + caller + "-" + n, rnd);
            stub(r).settle(r);
        }, this::snapshot);
    }

    private Runner.Measured presettleRun(int callers, double rate) throws Exception {
        return Runner.run(new Runner.Plan(rate > 0 ? String.format("PreSettle at %.0f/s (half of peak)", rate)
                : "PreSettle", callers, opt.warmup, opt.seconds, 0, rate), (caller, n, rnd) -> {
                    int person = rnd.nextInt(opt.persons);
                    SettleRequest r = Workload.request(workload.visitFor(person, rnd), person, "p-" + n, rnd);
                    stub(r).preSettle(r);
                }, this::snapshot);
    }

    private Runner.Measured echoRun(int callers) throws Exception {
        return Runner.run(new Runner.Plan("Echo (same messages, same path)", callers, opt.warmup, opt.seconds, 0, 0),
                (caller, n, rnd) -> {
                    int person = rnd.nextInt(opt.persons);
                    SettleRequest r = Workload.request(workload.visitFor(person, rnd), person, "e-" + n, rnd);
                    echo.get(r.getInstitutionCode()).withDeadlineAfter(30, TimeUnit.SECONDS).echo(r);
                }, this::snapshot);
    }

    /** One-row INSERT + COMMIT from {@code callers} connections of their own, on the same database. */
    private Runner.Measured rawCommits(int callers) throws Exception {
        Connection[] cs = new Connection[callers];
        PreparedStatement[] ps = new PreparedStatement[callers];
        String url = dbUrl;
        try {
            for (int i = 0; i < callers; i++) {
                cs[i] = DriverManager.getConnection(url, dbUser, dbPassword);
                cs[i].setAutoCommit(false);
                ps[i] = cs[i].prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)");
            }
            return Runner.run(new Runner.Plan("raw one-row INSERT + COMMIT", callers, opt.warmup, opt.seconds, 0, 0),
                    (caller, n, rnd) -> {
                        ps[caller].setString(1, "c" + caller + "-" + n);
                        ps[caller].executeUpdate();
                        cs[caller].commit();
                    }, this::snapshot);
        } finally {
            for (Connection c : cs) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /** Keeps what a run measured, with where its time went, for the report. */
    private void record(String kind, int callers, double rate, Runner.Measured m) {
        ObjectNode r = runs.addObject();
        r.put("kind", kind);
        r.put("name", m.plan().name());
        r.put("callers", callers);
        if (rate > 0) {
            r.put("rate", rate);
        }
        r.put("seconds", m.seconds());
        r.put("ok", m.ok());
        r.put("per_s", m.perSecond());
        r.put("p50_ms", m.ms(50));
        r.put("p99_ms", m.ms(99));
        r.put("p999_ms", m.ms(99.9));
        r.put("max_ms", m.maxMs());
        ObjectNode f = r.putObject("failed");
        m.failures().forEach(f::put);
        if (m.probe() != null) {
            Probes.PerCall p = m.probe();
            ObjectNode per = r.putObject("per_answer");
            per.put("statements", p.statements());
            per.put("commits", p.commits());
            per.put("fsyncs", p.fsyncs());
            per.put("gateway_cpu_ms", p.gatewayCpuMs());
            per.put("database_cpu_ms", p.databaseCpuMs());
            per.put("load_generator_cpu_ms", p.loadCpuMs());
            per.put("settlements_per_commit", p.batchMean());
            r.put("cpu_busy", p.cpuBusy());
        }
    }

    /** A snapshot of counters and CPU for the probe around each run. */
    Probes.Snapshot snapshot() {
        try (Connection c = db.dataSource().getConnection()) {
            Map<String, Long> counters = Probes.counters(c);
            c.commit();
            Stats s = Probes.HeapWatch.stats(admin);
            return new Probes.Snapshot(System.nanoTime(), counters, Probes.cpuSeconds(gatewayPid),
                    Probes.cpuSeconds(databasePid), Probes.cpuSeconds(ProcessHandle.current().pid()),
                    s.getSettleBatches(), s.getSettleBatched());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode audit() throws SQLException {
        long t0 = System.nanoTime();
        LedgerAudit.Report r = new LedgerAudit(db.dataSource(), RuleFiles.loadBundled()).run();
        ObjectNode a = JSON.createObjectNode();
        a.put("ok", r.clean());
        a.put("settlements", r.settlements());
        a.put("accumulator_rows", r.accumulatorRows());
        a.put("accounts", r.accounts());
        a.put("audit_rows", r.auditRows());
        a.put("seconds", (System.nanoTime() - t0) / 1e9);
        ArrayNode d = a.putArray("discrepancies");
        r.discrepancies().stream().limit(20).forEach(d::add);
        System.out.printf("ledger audit: %s (%d settlements, %d accumulator rows, %d accounts, %d trail rows)%n",
                r.clean() ? "clean" : r.discrepancies().size() + " discrepancies", r.settlements(),
                r.accumulatorRows(), r.accounts(), r.auditRows());
        return a;
    }

    private ObjectNode settings(Map<String, String> settings, List<String> jvm) {
        ObjectNode s = JSON.createObjectNode();
        settings.forEach((k, v) -> {
            if (!k.equals("db.password") && !k.equals("tls.dir")) {
                s.put(k, v);
            }
        });
        s.put("gateway_jvm", String.join(" ", jvm));
        s.put("persons", opt.persons);
        s.put("seconds_per_run", opt.seconds);
        s.put("warmup_per_run", opt.warmup);
        s.put("contended_persons", opt.contendedPersons);
        s.put("transport", "TLS 1.3, client certificates of the development CA, one channel per institution");
        return s;
    }

    /** The batching in force: the gateway's defaults, with what {@code --set} changed. */
    private String batching() {
        cn.onestop.settle.Batching d = cn.onestop.settle.Batching.defaults();
        return "lanes " + opt.settings.getOrDefault("batch.lanes", "" + d.lanes())
                + ", max-size " + opt.settings.getOrDefault("batch.max-size", "" + d.maxSize())
                + ", linger " + opt.settings.getOrDefault("batch.linger-us", "" + d.linger().toNanos() / 1_000) + " µs"
                + ", queue " + opt.settings.getOrDefault("batch.queue", "" + d.queue());
    }

    private static ObjectNode machine() {
        ObjectNode m = JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memory_gb", Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).strip();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}

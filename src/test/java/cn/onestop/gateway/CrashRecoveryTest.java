package cn.onestop.gateway;

import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.ledger.LedgerAudit;
import io.grpc.ManagedChannel;
import io.grpc.Grpc;
import io.grpc.TlsChannelCredentials;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real gateway process is killed (SIGKILL) while terminals are settling. After a restart every
 * request is sent again: what was answered before the crash replays with the same settlement,
 * what was in flight settles exactly once, and the ledger audits clean against its journals.
 */
class CrashRecoveryTest {
    static final int PERSONS = 40;
    static final int CLIENTS = 6;

    @Test
    void killingTheGatewayMidSettlementLosesNothingAndChargesNothingTwice() throws Exception {
        try (Database db = TestDatabase.fresh("crash")) {
            seed(db);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Path.of("target", "crash-gateway.log");
            Process gateway = start(db, port, log);
            ManagedChannel channel = mutualTls(gateway, log, port);
            Map<String, SettleRequest> sent = new ConcurrentHashMap<>();
            Map<String, String> answered = new ConcurrentHashMap<>();
            try {
                awaitServing(channel, gateway, log);
                var stub = SettlementServiceGrpc.newBlockingStub(channel);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    int thread = t;
                    Thread th = new Thread(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            SettleRequest r = GatewayFixture.p01("C" + ((thread * 7 + n) % PERSONS), "crash-" + thread + "-" + n)
                                    .setSettleDate("2025-0" + (1 + n % 9) + "-1" + (n % 9)).build();
                            sent.put(r.getMessageId(), r);
                            try {
                                SettleResponse a = stub.withDeadlineAfter(5, TimeUnit.SECONDS).settle(r);
                                answered.put(r.getMessageId(), a.getRecord().getSettlementId());
                            } catch (StatusRuntimeException e) {
                                return; // the gateway went away
                            }
                        }
                    });
                    clients.add(th);
                    th.start();
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (answered.size() < 60 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                gateway.destroyForcibly(); // SIGKILL: no shutdown hook, transactions cut mid-way
                gateway.waitFor(30, TimeUnit.SECONDS);
                stop.set(true);
                for (Thread th : clients) {
                    th.join(30_000);
                }
                assertTrue(answered.size() >= 60, "settled before the crash: " + answered.size());

                gateway = start(db, port, log);
                awaitServing(channel, gateway, log);
                int replayed = 0;
                for (SettleRequest r : sent.values()) {
                    SettleResponse a = stub.withDeadlineAfter(30, TimeUnit.SECONDS).settle(r);
                    String before = answered.get(r.getMessageId());
                    if (before != null) {
                        assertTrue(a.getReplayed(), r.getMessageId());
                        assertEquals(before, a.getRecord().getSettlementId(), r.getMessageId());
                        replayed++;
                    }
                }
                assertEquals(answered.size(), replayed);
            } finally {
                channel.shutdownNow();
                gateway.destroyForcibly();
                gateway.waitFor(30, TimeUnit.SECONDS);
            }
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM settlements")) {
                c.setAutoCommit(true); // the test's own statements, each committed
                rs.next();
                assertEquals(sent.size(), rs.getInt(1), "one settlement per message id");
            }
            LedgerAudit.Report audit = new LedgerAudit(db.dataSource(),
                    new cn.onestop.rulestore.RuleStore(db.dataSource(), java.time.Clock.systemUTC()).book()).run();
            assertTrue(audit.clean(), audit.discrepancies().toString());
            assertEquals(sent.size(), audit.settlements());
        }
    }

    private static void seed(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            GatewayFixture.institution(c, GatewayFixture.HOSPITAL_3A, 3, "A", "HOSPITAL", false, false, true);
            for (int i = 0; i < PERSONS; i++) {
                GatewayFixture.enrol(c, "C" + i, "NM-REGION-EMPLOYEE", "ACTIVE", false, 1_000_000, null);
            }
        }
    }

    /** Where the gateway process makes its development CA, and the hospital's client certificate. */
    static final Path PKI = Path.of("target", "pki", "crash-" + ProcessHandle.current().pid());

    /** A channel presenting the hospital's development certificate, once the gateway has made it. */
    private static ManagedChannel mutualTls(Process p, Path log, int port) throws Exception {
        Path cert = PKI.resolve("clients").resolve(GatewayFixture.HOSPITAL_3A + ".crt");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.isRegularFile(cert) || !Files.isRegularFile(PKI.resolve("ca.crt"))) {
            if (!p.isAlive() || System.nanoTime() > until) {
                throw new AssertionError("no development certificates: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return Grpc.newChannelBuilder("localhost:" + port, TlsChannelCredentials.newBuilder()
                .trustManager(PKI.resolve("ca.crt").toFile())
                .keyManager(cert.toFile(), PKI.resolve("clients").resolve(GatewayFixture.HOSPITAL_3A + ".key").toFile())
                .build()).build();
    }

    /** The gateway in a JVM of its own, on this test's database, with TLS and the development CA. */
    private static Process start(Database db, int port, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "cn.onestop.cli.Main", "serve", "--port", Integer.toString(port));
        pb.environment().put("ONESTOP_DB_URL", db.jdbcUrl());
        pb.environment().put("ONESTOP_DB_USER", TestDatabase.user());
        pb.environment().put("ONESTOP_DB_PASSWORD", TestDatabase.password());
        pb.environment().put("ONESTOP_SAMPLES", "false");
        pb.environment().put("ONESTOP_DB_POOL_SIZE", "4");
        pb.environment().put("ONESTOP_TLS_DIR", PKI.toString());
        Files.createDirectories(log.getParent());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitServing(ManagedChannel channel, Process p, Path log) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new AssertionError("the gateway exited: " + Files.readString(log));
            }
            try {
                var h = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                if (h.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                    return;
                }
            } catch (StatusRuntimeException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the gateway did not start: " + Files.readString(log));
    }

}

package cn.onestop.gateway;

import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Role;
import cn.onestop.ledger.LedgerAudit;
import cn.onestop.rulestore.RuleStore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway on its embedded MariaDB, terminals settling, and the {@code mariadbd} process killed
 * (SIGKILL) under load. Every call answers within its deadline, UNAVAILABLE or settled, never
 * INTERNAL; health says NOT_SERVING within seconds; the gateway starts the database again by itself
 * and settling resumes with no gateway restart. Afterwards every acknowledged settlement is there,
 * every unanswered one sent again with its message id replays or settles once, and the ledger audits
 * clean.
 */
class DatabaseKilledUnderLoadTest {
    static final int PERSONS = 30;
    static final int TERMINALS = 6;
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** What a call may take past its deadline before it counts as hanging: the transport's own slack. */
    static final Duration SLACK = Duration.ofMillis(500);
    static final int BEFORE = 40;
    static final int AFTER = 40;
    static final int KILLS = 2;

    private final Map<String, SettleRequest> sent = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicLong slowest = new AtomicLong();
    private final AtomicLong slowestUnavailable = new AtomicLong();

    @Test
    void theDatabaseProcessKilledUnderLoadIsStartedAgainAndNothingIsLostOrChargedTwice() throws Exception {
        Path root = Path.of("target", "db-killed", Long.toString(ProcessHandle.current().pid())).toAbsolutePath();
        deleteTree(root);
        Files.createDirectories(root);
        Path base = TestDatabase.EMBEDDED_DIR.resolve("base").toAbsolutePath();
        Files.createDirectories(base);
        Files.createSymbolicLink(root.resolve("base"), base); // the binaries shared with the other tests
        try (Database db = Database.open(DatabaseConfig.embedded(root).withPoolSize(4))) {
            seed(db);
            EmbeddedMariaDb server = db.embeddedServer().orElseThrow();
            Gateway g = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false),
                    TlsConfig.plaintextLoopback(), Clock.systemUTC());
            int port = g.port();
            ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                var stub = SettlementServiceGrpc.newBlockingStub(ch).withCallCredentials(GatewayFixture.bearer(
                        GatewayFixture.tokenOf(g, new Principal(GatewayFixture.HOSPITAL_3A, Role.INSTITUTION,
                                GatewayFixture.HOSPITAL_3A, Set.of(), false))));
                underLoad(stub, () -> {
                    for (int round = 1; round <= KILLS; round++) { // the second: the supervisor watches on
                        killAndRecover(server, ch, round);
                    }
                });
                assertTrue(problems.isEmpty(), "calls answered other than OK or UNAVAILABLE in time: " + problems);
                assertTrue(unavailable.get() > 0, "the kill was felt");
                assertEquals(port, g.port(), "the same gateway throughout");
                assertEquals(KILLS, server.restarts());
                sendEveryCallAgain(stub);
            } finally {
                ch.shutdownNow();
                g.close();
            }
            assertLedger(db);
        } finally {
            deleteTree(root);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} while {@link #TERMINALS} terminals settle, from the {@link #BEFORE}-th settlement on. */
    private void underLoad(SettlementServiceGrpc.SettlementServiceBlockingStub stub, Step step) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> terminals = new ArrayList<>();
        for (int t = 0; t < TERMINALS; t++) {
            int terminal = t;
            Thread th = new Thread(() -> settleUntil(stub, terminal, stop), "terminal-" + t);
            terminals.add(th);
            th.start();
        }
        try {
            await(() -> acknowledged.size() >= BEFORE, Duration.ofSeconds(60), "settlements before the kill");
            step.run();
        } finally {
            stop.set(true);
            for (Thread th : terminals) {
                th.join(30_000);
            }
        }
        System.out.printf("[fault] %d calls sent, %d acknowledged, %d UNAVAILABLE (slowest %d ms), slowest "
                + "call %d ms (deadline %d ms)%n", sent.size(), acknowledged.size(), unavailable.get(),
                slowestUnavailable.get(), slowest.get(), DEADLINE.toMillis());
    }

    /** SIGKILL to mariadbd mid-transaction; health goes NOT_SERVING, the server is started again, settling resumes. */
    private void killAndRecover(EmbeddedMariaDb server, ManagedChannel ch, int round) throws Exception {
        long pid = server.pid().orElseThrow();
        long kill = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        HealthTest.awaitStatus(ch, "", ServingStatus.NOT_SERVING, Duration.ofSeconds(5));
        long down = ms(kill);
        await(() -> server.restarts() == round, Duration.ofSeconds(60), "the database started again");
        long restarted = ms(kill);
        HealthTest.awaitStatus(ch, "", ServingStatus.SERVING, Duration.ofSeconds(30));
        long serving = ms(kill);
        int ackAtRecovery = acknowledged.size();
        await(() -> acknowledged.size() >= ackAtRecovery + AFTER, Duration.ofSeconds(60),
                "settlements after the recovery");
        System.out.printf("[timing] mariadbd killed under load (%d terminals, kill %d): health NOT_SERVING after %d ms, "
                + "database started again after %d ms, SERVING after %d ms, %d more settled after %d ms%n", TERMINALS,
                round, down, restarted, serving, AFTER, ms(kill));
        assertTrue(down < 3_000, "NOT_SERVING within seconds: " + down + " ms");
    }

    /** Every call again, with its message id: an acknowledged one replays its answer, any other replays or settles. */
    private void sendEveryCallAgain(SettlementServiceGrpc.SettlementServiceBlockingStub stub) {
        int replayed = 0;
        for (SettleRequest r : sent.values()) {
            SettleResponse a = stub.withDeadlineAfter(30, TimeUnit.SECONDS).settle(r);
            String before = acknowledged.get(r.getMessageId());
            if (before != null) {
                assertTrue(a.getReplayed(), r.getMessageId());
                assertEquals(before, a.getRecord().getSettlementId(), r.getMessageId());
                replayed++;
            } else if (a.getReplayed()) {
                replayed++; // committed before the kill, its answer lost
            }
        }
        System.out.printf("[fault] %d unanswered calls sent again: %d had been committed, %d settled now%n",
                unanswered.size(), replayed - acknowledged.size(), sent.size() - replayed);
    }

    /** One settlement per message id sent, and the ledger audits clean against its journals. */
    private void assertLedger(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            var rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT message_id) FROM settlements");
            rs.next();
            assertEquals(sent.size(), rs.getInt(1), "one settlement per message id");
            assertEquals(sent.size(), rs.getInt(2));
        }
        LedgerAudit.Report audit = new LedgerAudit(db.dataSource(),
                new RuleStore(db.dataSource(), Clock.systemUTC()).book()).run();
        assertTrue(audit.clean(), audit.discrepancies().toString());
        assertEquals(sent.size(), audit.settlements());
    }

    /** One terminal: a new bill after every answer; a refused one is left for the retry at the end. */
    private void settleUntil(SettlementServiceGrpc.SettlementServiceBlockingStub stub, int terminal,
                             AtomicBoolean stop) {
        for (int n = 0; !stop.get(); n++) {
            SettleRequest r = GatewayFixture.p01("K" + ((terminal * 7 + n) % PERSONS), "kill-" + terminal + "-" + n)
                    .setSettleDate("2025-0" + (1 + n % 9) + "-1" + (n % 9)).build();
            sent.put(r.getMessageId(), r);
            long t0 = System.nanoTime();
            try {
                SettleResponse a = stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).settle(r);
                acknowledged.put(r.getMessageId(), a.getRecord().getSettlementId());
            } catch (StatusRuntimeException e) {
                unanswered.add(r.getMessageId());
                if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                    unavailable.incrementAndGet();
                    slowestUnavailable.accumulateAndGet(ms(t0), Math::max);
                } else {
                    problems.add(r.getMessageId() + ": " + e.getStatus());
                }
                pause(100); // a terminal tries again a moment later
            }
            long took = ms(t0);
            slowest.accumulateAndGet(took, Math::max);
            if (took > DEADLINE.plus(SLACK).toMillis()) {
                problems.add(r.getMessageId() + ": answered after " + took + " ms");
            }
        }
    }

    private static void seed(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            TestRows.institution(c, GatewayFixture.HOSPITAL_3A, 3, "A", "HOSPITAL", false, false, true);
            for (int i = 0; i < PERSONS; i++) {
                TestRows.enrol(c, "K" + i, "NM-REGION-EMPLOYEE", "ACTIVE", false, 1_000_000, null);
            }
        }
    }

    private interface Condition {
        boolean holds();
    }

    private void await(Condition c, Duration atMost, String what) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no " + what + " within " + atMost + "; problems: " + problems);
            }
            Thread.sleep(20);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) { // does not follow the base/ link
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

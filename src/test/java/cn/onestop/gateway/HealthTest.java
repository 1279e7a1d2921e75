package cn.onestop.gateway;

import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Role;
import cn.onestop.settle.Batching;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static cn.onestop.gateway.GatewayFixture.HOSPITAL_3A;
import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health follows the database and the worker queue; while the database is down calls answer
 * UNAVAILABLE at once, and a call never waits for a connection past its deadline.
 */
class HealthTest {
    static final String SETTLEMENT = "onestop.v1.SettlementService";

    @Test
    void healthFollowsTheDatabaseAndCallsAnswerUnavailableAtOnceWhileItIsDown() throws Exception {
        Path root = Path.of("target", "health-db", Long.toString(ProcessHandle.current().pid()));
        Path base = TestDatabase.EMBEDDED_DIR.resolve("base");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(root, base, 0);
        int port = server.port();
        DatabaseConfig cfg = DatabaseConfig.external(server.jdbcUrl(""), server.user(), server.password())
                .withPoolSize(2).withConnectionTimeoutMs(5_000); // a pool wait longer than the calls' deadlines
        String name = "health-" + System.nanoTime();
        try (Database db = Database.open(cfg);
             Gateway g = Gateway.start(db, ServerConfig.defaults().withSamples(false), Clock.systemUTC(),
                     InProcessServerBuilder.forName(name))) {
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(true); // the test's own statements, each committed
                TestRows.institution(c, HOSPITAL_3A, 3, "A", "HOSPITAL", false, false, true);
                TestRows.enrol(c, "H1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            }
            Principal hospital = new Principal(HOSPITAL_3A, Role.INSTITUTION, HOSPITAL_3A, Set.of(), false);
            String used = GatewayFixture.tokenOf(g, hospital);
            String unused = GatewayFixture.tokenOf(g, hospital); // first presented while the database is down
            ManagedChannel ch = InProcessChannelBuilder.forName(name).build();
            try {
                var settlement = SettlementServiceGrpc.newBlockingStub(ch).withCallCredentials(GatewayFixture.bearer(used));
                assertEquals(ServingStatus.SERVING, status(ch, ""));
                assertEquals(ServingStatus.SERVING, status(ch, SETTLEMENT));
                assertEquals(ServingStatus.SERVING, status(ch, Health.CAPACITY));
                settlement.settle(p01("H1", "h-1").build());

                long stopping = System.nanoTime();
                server.close(); // a clean shutdown: it stops listening at once, then flushes
                awaitStatus(ch, "", ServingStatus.NOT_SERVING, Duration.ofSeconds(5));
                long down = (System.nanoTime() - stopping) / 1_000_000;
                System.out.printf("[timing] database stopping -> health NOT_SERVING: %d ms%n", down);
                assertTrue(down < 3_000, "NOT_SERVING within seconds: " + down + " ms");
                assertEquals(ServingStatus.NOT_SERVING, status(ch, SETTLEMENT));
                assertEquals(ServingStatus.SERVING, status(ch, Health.CAPACITY), "capacity is another matter");

                for (var stub : List.of(settlement, settlement.withCallCredentials(GatewayFixture.bearer(unused)))) {
                    long t0 = System.nanoTime();
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                            stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS).settle(p01("H1", "h-2").build()));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
                    assertEquals("DATABASE_UNAVAILABLE", GatewayFixture.errorInfo(e).getReason());
                    assertTrue(ms < 300, "answered at once, not at the deadline: " + ms + " ms");
                }

                server = EmbeddedMariaDb.start(root, base, port);
                long up = awaitStatus(ch, "", ServingStatus.SERVING, Duration.ofSeconds(10));
                System.out.printf("[timing] database started again -> health SERVING: %d ms%n", up);
                assertEquals(ServingStatus.SERVING, status(ch, SETTLEMENT));
                assertEquals("H1", settlement.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .settle(p01("H1", "h-2").build()).getRecord().getPersonId(), "settles again, same gateway");
            } finally {
                ch.shutdownNow();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aCallWaitsForAPooledConnectionNoLongerThanItsDeadline() throws Exception {
        try (GatewayFixture f = new GatewayFixture("pool_wait", cfg -> cfg, true)) {
            f.person("W1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            f.settlement.settle(p01("W1", "w-1").build()); // the caller's token is known from now on
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < f.db.poolSize(); i++) {
                    held.add(f.db.dataSource().getConnection()); // every pooled connection, busy
                }
                long t0 = System.nanoTime();
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                        f.settlement.withDeadlineAfter(1, TimeUnit.SECONDS).settle(p01("W1", "w-2").build()));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                // the gateway's own answer (it carries ErrorInfo), before the caller gave up
                assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(), e.getStatus().toString());
                assertEquals("DEADLINE_EXCEEDED", GatewayFixture.errorInfo(e).getReason());
                assertTrue(ms < 1_000, ms + " ms");
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
            assertEquals(0, f.count("settlements WHERE message_id = 'w-2'"));
        }
    }

    @Test
    void aFullWorkerQueueShowsAsCapacityNotServing() throws Exception {
        // one worker, one batch writer of batches of one, room for one waiting settlement
        try (GatewayFixture f = new GatewayFixture("capacity", cfg -> cfg.withThreads(1).withQueue(1)
                .withBatching(new Batching(1, 1, Duration.ZERO, 1)), true);
             Connection holder = f.db.dataSource().getConnection()) {
            f.person("Q1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            f.person("Q2", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            // the one batch writer is held: its settlement waits for Q1's year row, locked here
            holder.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year) "
                    + "VALUES ('Q1', 'NM-REGION-EMPLOYEE', 2025)");
            var async = SettlementServiceGrpc.newFutureStub(f.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .withCallCredentials(f.credentials(HOSPITAL_3A));
            var busy = async.settle(p01("Q1", "q-busy").build());
            awaitLockWait(f);
            var queued = async.settle(p01("Q2", "q-queued").build()); // the batch queue's one place
            awaitStatus(f.channel, Health.CAPACITY, ServingStatus.NOT_SERVING, Duration.ofSeconds(5));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    f.settlement.withDeadlineAfter(5, TimeUnit.SECONDS).settle(p01("Q2", "q-refused").build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertEquals(ServingStatus.NOT_SERVING, status(f.channel, Health.CAPACITY));
            assertEquals(ServingStatus.SERVING, status(f.channel, ""), "the database is fine");

            holder.rollback(); // the worker goes on, the queue drains
            assertEquals("Q1", busy.get(30, TimeUnit.SECONDS).getRecord().getPersonId());
            assertEquals("Q2", queued.get(30, TimeUnit.SECONDS).getRecord().getPersonId());
            awaitStatus(f.channel, Health.CAPACITY, ServingStatus.SERVING, Duration.ofSeconds(5));
        }
    }

    static ServingStatus status(ManagedChannel ch, String service) {
        return HealthGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    /** Waits for {@code service} to report {@code wanted}; returns how long that took, in ms. */
    static long awaitStatus(ManagedChannel ch, String service, ServingStatus wanted, Duration atMost)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long until = t0 + atMost.toNanos();
        ServingStatus last = null;
        while (System.nanoTime() < until) {
            last = status(ch, service);
            if (last == wanted) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("health of '" + service + "' still " + last + " after " + atMost);
    }

    /** Waits until a settlement is blocked on the year row's lock (the worker is busy). */
    private static void awaitLockWait(GatewayFixture f) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (f.count("information_schema.processlist WHERE info LIKE '%FROM accumulators%FOR UPDATE' "
                    + "AND time >= 0") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first settlement never waited for the lock");
    }
}

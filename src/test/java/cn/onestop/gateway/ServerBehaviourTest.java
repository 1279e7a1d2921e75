package cn.onestop.gateway;

import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.db.TestDatabase;
import cn.onestop.api.v1.SettleRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Role;
import cn.onestop.settle.Batching;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, reflection, a database that goes away, deadlines. */
class ServerBehaviourTest {

    @Test
    void healthIsServingAndReflectionListsTheServices() throws Exception {
        try (GatewayFixture f = new GatewayFixture("health")) {
            HealthCheckResponse h = HealthGrpc.newBlockingStub(f.channel).check(HealthCheckRequest.getDefaultInstance());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, h.getStatus());

            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            var requests = ServerReflectionGrpc.newStub(f.channel).serverReflectionInfo(new StreamObserver<>() {
                @Override
                public void onNext(ServerReflectionResponse r) {
                    answer.complete(r);
                }

                @Override
                public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {
                }
            });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                    .map(s -> s.getName()).toList();
            requests.onCompleted();
            assertTrue(services.contains("onestop.v1.SettlementService"), services.toString());
            assertTrue(services.contains("onestop.v1.RuleAdminService"), services.toString());
            assertTrue(services.contains("grpc.health.v1.Health"), services.toString());
        }
    }

    @Test
    void aDatabaseThatGoesAwayIsUnavailableNotAStackTrace() throws Exception {
        // a server of its own, sharing the test server's binaries, so it can be stopped
        Path root = Path.of("target", "db-down", Long.toString(ProcessHandle.current().pid()));
        EmbeddedMariaDb server = EmbeddedMariaDb.start(root, TestDatabase.EMBEDDED_DIR.resolve("base"), 0);
        try {
            DatabaseConfig cfg = DatabaseConfig.external(server.jdbcUrl(""), server.user(),
                    server.password()).withPoolSize(2).withConnectionTimeoutMs(500);
            try (Database db = Database.open(cfg)) {
                Gateway g = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false),
                        TlsConfig.plaintextLoopback(), Clock.systemUTC());
                String token = GatewayFixture.tokenOf(g, new Principal(GatewayFixture.HOSPITAL_3A, Role.INSTITUTION,
                        GatewayFixture.HOSPITAL_3A, java.util.Set.of(), false));
                ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", g.port()).usePlaintext().build();
                try {
                    server.close();
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                            SettlementServiceGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS)
                                    .withCallCredentials(GatewayFixture.bearer(token))
                                    .settle(p01("X", "m").build()));
                    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
                    assertFalse(e.getStatus().getDescription().contains("at "), e.getStatus().getDescription());
                } finally {
                    ch.shutdownNow();
                    g.close();
                }
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aCallWhoseDeadlinePassesWhileItWaitsForAWorkerNeverRuns() throws Exception {
        // one worker and one batch writer, of batches of one: the first settlement holds them both
        try (GatewayFixture f = new GatewayFixture("deadline", cfg -> cfg.withThreads(1)
                .withBatching(new Batching(1, 1, Duration.ZERO, 16)), true);
             Connection holder = f.db.dataSource().getConnection()) {
            f.person("D1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            f.person("D2", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            // the one worker is held: its settlement waits for D1's year row, locked here
            holder.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year) "
                    + "VALUES ('D1', 'NM-REGION-EMPLOYEE', 2025)");
            var busy = SettlementServiceGrpc.newFutureStub(f.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .withCallCredentials(f.credentials(GatewayFixture.HOSPITAL_3A))
                    .settle(p01("D1", "dl-busy").build());
            awaitLockWait(f);
            long t0 = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    f.settlement.withDeadlineAfter(300, TimeUnit.MILLISECONDS).settle(p01("D2", "dl-queued").build()));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "answered at its deadline");
            Thread.sleep(500);
            holder.rollback(); // the worker goes on: the busy call settles, then the queued one is taken up
            assertEquals("D1", busy.get(30, TimeUnit.SECONDS).getRecord().getPersonId());
            Thread.sleep(500); // time for the queued call to have run, had it run
            assertEquals(0, f.count("settlements WHERE message_id = 'dl-queued'"), "the late call wrote nothing");
            assertEquals(0, f.count("idempotency_keys WHERE message_id = 'dl-queued'"));
            assertEquals(1, f.count("settlements"));
        }
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

    @Test
    void aRetryCarryingAFieldThisVersionDoesNotKnowReplays() throws Exception {
        try (GatewayFixture f = new GatewayFixture("unknown_field", cfg -> cfg, false)) {
            f.person("U1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            var first = f.settlement.settle(p01("U1", "uf-1").build());
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(extra);
            out.writeString(99, "from a newer billing system");
            out.flush();
            var again = SettleRequest.parseFrom(p01("U1", "uf-1").build().toByteString()
                    .concat(ByteString.copyFrom(extra.toByteArray())));
            var replay = f.settlement.settle(again);
            assertTrue(replay.getReplayed());
            assertEquals(first.getRecord(), replay.getRecord());
            assertEquals(1, f.count("settlements"));
        }
    }
}

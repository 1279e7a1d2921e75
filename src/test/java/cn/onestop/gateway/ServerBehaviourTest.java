package cn.onestop.gateway;

import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.EmbeddedMariaDb;
import cn.onestop.db.TestDatabase;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
            DatabaseConfig cfg = DatabaseConfig.external(server.jdbcUrl(""), EmbeddedMariaDb.USER,
                    EmbeddedMariaDb.PASSWORD).withPoolSize(2).withConnectionTimeoutMs(500);
            try (Database db = Database.open(cfg)) {
                Gateway g = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false), Clock.systemUTC());
                ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", g.port()).usePlaintext().build();
                try {
                    server.close();
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                            SettlementServiceGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS)
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
    void aCallWhoseDeadlinePassedWhileQueuedIsDeadlineExceeded() throws Exception {
        try (GatewayFixture f = new GatewayFixture("deadline")) {
            f.person("D1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    f.settlement.withDeadlineAfter(1, TimeUnit.NANOSECONDS).settle(p01("D1", "dl").build()));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertEquals(0, f.count("settlements"));
        }
    }
}

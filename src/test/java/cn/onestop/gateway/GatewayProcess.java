package cn.onestop.gateway;

import cn.onestop.api.v1.EnrolmentAdminServiceGrpc;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.SettlementServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own ({@code onestop serve}), plaintext on loopback, on the database
 * {@code db.url} names, with a channel to it. Calls present bearer tokens.
 */
final class GatewayProcess implements AutoCloseable {
    final String name;
    final int port;
    final Path log;
    final ManagedChannel channel;
    private final Process process;

    private GatewayProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** Starts {@code onestop serve} with {@code env} added to the test's settings. */
    static GatewayProcess start(String name, String dbUrl, String user, String password, Map<String, String> env)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Path.of("target", name + ".log");
        Files.deleteIfExists(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "cn.onestop.cli.Main", "serve", "--port", Integer.toString(port));
        pb.environment().put("ONESTOP_DB_URL", dbUrl);
        pb.environment().put("ONESTOP_DB_USER", user);
        pb.environment().put("ONESTOP_DB_PASSWORD", password);
        pb.environment().put("ONESTOP_SAMPLES", "false");
        pb.environment().put("ONESTOP_DB_POOL_SIZE", "4");
        pb.environment().put("ONESTOP_PLAINTEXT", "true");
        pb.environment().put("ONESTOP_METRICS_PORT", "0"); // several gateways on one machine: no fixed ports
        pb.environment().put("ONESTOP_NATIONAL_PORT", "-1");
        pb.environment().put("ONESTOP_TLS_DIR", Path.of("target", "pki", name).toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new GatewayProcess(name, port, log, pb.start());
    }

    /** Waits until the health service says SERVING. */
    GatewayProcess awaitServing() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError("gateway " + name + " exited: " + Files.readString(log));
            }
            try {
                var h = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                if (h.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                    return this;
                }
            } catch (StatusRuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gateway " + name + " did not start: " + Files.readString(log));
    }

    SettlementServiceGrpc.SettlementServiceBlockingStub settlement(String token) {
        return SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(GatewayFixture.bearer(token));
    }

    SettlementServiceGrpc.SettlementServiceFutureStub settlementAsync(String token) {
        return SettlementServiceGrpc.newFutureStub(channel).withCallCredentials(GatewayFixture.bearer(token));
    }

    RuleAdminServiceGrpc.RuleAdminServiceBlockingStub rules(String token) {
        return RuleAdminServiceGrpc.newBlockingStub(channel).withCallCredentials(GatewayFixture.bearer(token));
    }

    EnrolmentAdminServiceGrpc.EnrolmentAdminServiceBlockingStub enrolment(String token) {
        return EnrolmentAdminServiceGrpc.newBlockingStub(channel).withCallCredentials(GatewayFixture.bearer(token));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown, calls in flight cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        channel.shutdownNow();
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}

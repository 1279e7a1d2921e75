package cn.onestop.gateway;

import cn.onestop.api.v1.EchoServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The benchmarks' echo: off unless bench.echo says so; when on, it answers the request as it came, to callers with an identity only. */
class EchoServiceTest {
    @Test
    void echoAnswersTheRequestToAnAuthenticatedCallerOverTls() throws Exception {
        try (GatewayFixture f = new GatewayFixture("echo_on", cfg -> cfg.withEcho(true), false)) {
            SettleRequest r = GatewayFixture.p01("P1", "echo-1").build();
            SettleRequest back = EchoServiceGrpc.newBlockingStub(f.channel)
                    .withCallCredentials(f.credentials(GatewayFixture.HOSPITAL_3A)).echo(r);
            assertEquals(r, back);
            StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                    () -> EchoServiceGrpc.newBlockingStub(f.channel).echo(r));
            assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
        }
    }

    @Test
    void echoIsNotThereByDefault() throws Exception {
        assertEquals(false, ServerConfig.defaults().echo());
        try (GatewayFixture f = new GatewayFixture("echo_off", cfg -> cfg, true)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> EchoServiceGrpc
                    .newBlockingStub(f.channel).withCallCredentials(f.credentials(GatewayFixture.HOSPITAL_3A))
                    .echo(GatewayFixture.p01("P1", "echo-2").build()));
            assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        }
    }

    @Test
    void theSettingReadsFromTheEnvironment() {
        assertEquals(true, ServerConfig.load(java.nio.file.Path.of("no-such.properties"),
                java.util.Map.of("ONESTOP_BENCH_ECHO", "true")).echo());
    }
}

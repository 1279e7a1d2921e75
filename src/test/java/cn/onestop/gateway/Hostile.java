package cn.onestop.gateway;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the hostile-input tests share: raw frames, the ledger's row counts, refusals checked. */
final class Hostile {
    /** Every table a settlement or a reversal writes to. */
    static final List<String> LEDGER_TABLES = List.of("settlements", "settlement_funds", "idempotency_keys",
            "reversals", "accumulators", "accumulator_journal", "accounts", "account_journal");

    private Hostile() {
    }

    /** Bytes as they are: a client call that sends any frame to a method. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** {@code method} taking and answering raw bytes. */
    static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
        return method.toBuilder(BYTES, BYTES).build();
    }

    /** Sends {@code frame} as the request of {@code method}, as {@code subject} of the fixture. */
    static byte[] call(GatewayFixture f, String subject, MethodDescriptor<?, ?> method, byte[] frame) {
        return call(f.channel, CallOptions.DEFAULT.withCallCredentials(f.credentials(subject)), method, frame);
    }

    static byte[] call(Channel channel, CallOptions options, MethodDescriptor<?, ?> method, byte[] frame) {
        return ClientCalls.blockingUnaryCall(channel, raw(method), options.withDeadlineAfter(30, TimeUnit.SECONDS),
                frame);
    }

    /** The number of rows of every ledger table. */
    static Map<String, Long> counts(GatewayFixture f) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : LEDGER_TABLES) {
            m.put(t, f.count(t));
        }
        return m;
    }

    /** The call fails INVALID_ARGUMENT naming {@code field} among its violations; returns the failure. */
    static StatusRuntimeException invalid(String field, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(GatewayFixture.violatedFields(e).contains(field),
                field + " not among " + GatewayFixture.violatedFields(e) + ": " + e.getStatus());
        assertEquals("INVALID_ARGUMENT", GatewayFixture.errorInfo(e).getReason());
        return e;
    }
}

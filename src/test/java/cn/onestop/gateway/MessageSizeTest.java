package cn.onestop.gateway;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.SettleRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.onestop.gateway.GatewayFixture.line;
import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The largest message the gateway reads, over the real transport (Netty, TLS): beyond it RESOURCE_EXHAUSTED. */
class MessageSizeTest {

    @Test
    void anElevenMegabyteBillIsResourceExhaustedBeforeItIsReadAndNothingIsWritten() throws Exception {
        try (GatewayFixture f = new GatewayFixture("message_size")) {
            f.person("M1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            // the probe's bill: 150,000 coded lines, 11 MB
            SettleRequest.Builder b = p01("M1", "huge").clearLines();
            for (int i = 0; i < 150_000; i++) {
                b.addLines(BillLine.newBuilder().setId(String.format("H15010500001-20250310-0001-%06d", i))
                        .setItemCode("XL01XCA001B002010100452").setCategory(Category.A).setUnitPrice(1_250_000)
                        .setQty(1));
            }
            SettleRequest huge = b.build();
            assertTrue(huge.getSerializedSize() > 10_000_000, "about 11 MB: " + huge.getSerializedSize());
            Map<String, Long> before = Hostile.counts(f);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(huge));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
            assertTrue(e.getStatus().getDescription().contains("exceeds maximum size"), e.getStatus().toString());
            assertEquals(before, Hostile.counts(f));
            // the gateway is still there, and the same connection serves the next bill
            assertFalse(f.settlement.settle(p01("M1", "after-huge").build()).getReplayed());
        }
    }

    @Test
    void aRefusalOfThousandsOfFaultsStillReachesTheClientWhole() throws Exception {
        // the status travels in the trailers, which a client reads only up to 8 KiB: every fault of a
        // 2,000-line bill listed would not fit, and the client would see an error of its own instead
        try (GatewayFixture f = new GatewayFixture("many_faults")) {
            SettleRequest.Builder b = p01("M3", "faults").clearLines();
            for (int i = 0; i < 2_000; i++) {
                b.addLines(BillLine.newBuilder().setId("行".repeat(60)).setCategory(Category.CONSUMABLE)
                        .setUnitPrice(-1).setQty(0).setSelfRatioBp(20_000));
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(b.build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
            List<String> fields = GatewayFixture.violatedFields(e);
            assertEquals(17, fields.size(), fields.toString());
            assertEquals("lines[0].unit_price", fields.get(0));
            assertEquals("request", fields.get(16));
            assertEquals("INVALID_ARGUMENT", GatewayFixture.errorInfo(e).getReason());
        }
    }

    @Test
    void theLimitIsASetting() throws Exception {
        try (GatewayFixture f = new GatewayFixture("message_size_setting", cfg -> cfg.withMaxMessageBytes(64 * 1024),
                false)) {
            f.person("M2", "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
            SettleRequest.Builder b = p01("M2", "big").clearLines();
            for (int i = 0; i < 5_000; i++) {
                b.addLines(line("line-" + i, Category.A, 100, 1));
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(b.build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
            assertEquals(0, f.count("settlements"));
            assertFalse(f.settlement.settle(p01("M2", "small").build()).getReplayed());
        }
    }
}

package cn.onestop.gateway;

import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.catalog.CatalogVersion;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Grpc;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A fresh gateway with samples: the sample catalog is published and the coded sample request settles. */
class SampleCatalogTest {
    static final Path PKI = Path.of("target", "pki", "sample-catalog-" + ProcessHandle.current().pid());

    @Test
    void aFreshGatewayPublishesTheSampleCatalogAndSettlesTheCodedSampleBill() throws Exception {
        try (Database db = TestDatabase.fresh("sample_catalog");
             Gateway g = Gateway.start(db, ServerConfig.defaults().withPort(0), TlsConfig.defaults().withDir(PKI),
                     Clock.systemUTC())) {
            assertEquals(List.of("150100@2023-01-01", "150300@2023-01-01", "150400@2023-01-01"),
                    g.catalogs().index().versions().stream().map(CatalogVersion::id).toList());
            SettleRequest.Builder req = SettleRequest.newBuilder();
            JsonFormat.parser().merge(Files.readString(Path.of("config/samples/requests/inpatient-hohhot-coded.json")),
                    req);
            // the sample hospital's development certificate, made on this first start: mutual TLS
            ManagedChannel ch = Grpc.newChannelBuilder("localhost:" + g.port(), TlsChannelCredentials.newBuilder()
                    .trustManager(PKI.resolve("ca.crt").toFile())
                    .keyManager(PKI.resolve("clients/H15010500001.crt").toFile(),
                            PKI.resolve("clients/H15010500001.key").toFile()).build()).build();
            try {
                Settlement s = SettlementServiceGrpc.newBlockingStub(ch).preSettle(req.build()).getSettlement();
                assertEquals("150100@2023-01-01", s.getCatalogVersion());
                assertEquals(List.of("UNKNOWN_ITEM_CODE:YN-ZJ-2025-017"), s.getWarningsList());
                SetlInfo a = s.getAmounts();
                assertEquals(600_062, a.getMedfeeSumamt());
                assertEquals(3_800 + 4_600, a.getFulamtOwnpayAmt()); // vitamin E (丙类) and the unknown code
                assertEquals(15 * 28 + 3_000, a.getOverlmtSelfpay()); // clopidogrel and the balloon above limit
                // B: 378 + 53 + 1800; consumables: 20% of 72000, 20% of 32000, 10% of 17000
                assertEquals(378 + 53 + 1_800 + 14_400 + 6_400 + 1_700, a.getPreselfpayAmt());
                assertEquals(600_062 - 8_400 - 3_420 - 24_731, a.getInscpScpAmt());
            } finally {
                ch.shutdownNow();
            }
        }
    }
}

package cn.onestop.gateway;

import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.SettlementStatus;
import cn.onestop.db.Database;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Role;
import cn.onestop.db.TestDatabase;
import cn.onestop.ledger.LedgerAudit;
import cn.onestop.rules.parse.RuleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ledger written by version 0.1 (its settlements stored as API message bytes), carried over by
 * the migrations: every settlement reads back as it was answered, retries of the old requests
 * replay, reversals work on the new columns, and the audit is clean.
 */
class LegacyLedgerMigrationTest {
    static Database db;
    static Gateway gateway;
    static ManagedChannel channel;
    static SettlementServiceGrpc.SettlementServiceBlockingStub api;
    static final List<SettleRequest> settles = new ArrayList<>();
    static final List<SettleResponse> settled = new ArrayList<>();
    static final List<ReverseRequest> reverses = new ArrayList<>();
    static final List<ReverseResponse> reversed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("legacy_ledger", "classpath:db/none");
        Flyway.configure().dataSource(db.dataSource()).locations(Database.MIGRATIONS).target("2").load().migrate();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : resource("legacy/ledger-0.1.sql").split(";\n")) {
                if (!sql.isBlank() && !sql.strip().startsWith("--")) {
                    st.execute(sql);
                }
            }
            c.commit();
        }
        Flyway.configure().dataSource(db.dataSource()).locations(Database.MIGRATIONS).load().migrate();
        for (JsonNode n : new ObjectMapper().readTree(resource("legacy/exchanges-0.1.json"))) {
            if (n.has("settle")) {
                settles.add(parse(n.get("settle"), SettleRequest.newBuilder()).build());
                settled.add(parse(n.get("response"), SettleResponse.newBuilder()).build());
            } else {
                reverses.add(parse(n.get("reverse"), ReverseRequest.newBuilder()).build());
                reversed.add(parse(n.get("response"), ReverseResponse.newBuilder()).build());
            }
        }
        gateway = Gateway.start(db, ServerConfig.defaults().withSamples(false), Clock.systemUTC(),
                InProcessServerBuilder.forName("legacy-ledger"));
        channel = InProcessChannelBuilder.forName("legacy-ledger").build();
        String token = GatewayFixture.tokenOf(gateway, new Principal("H15010500001", Role.INSTITUTION, "H15010500001",
                java.util.Set.of(), false));
        api = SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(GatewayFixture.bearer(token));
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        gateway.close();
        db.close();
    }

    static String resource(String name) throws Exception {
        try (InputStream in = LegacyLedgerMigrationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static <B extends com.google.protobuf.Message.Builder> B parse(JsonNode json, B builder) throws Exception {
        JsonFormat.parser().merge(json.toString(), builder);
        return builder;
    }

    static SettlementRecord stored(String settlementId) {
        return api.getSettlement(GetSettlementRequest.newBuilder().setSettlementId(settlementId).build());
    }

    @Test
    void everySettlementReadsBackAsItWasAnswered() {
        assertEquals(5, settles.size());
        for (SettleResponse r : settled) {
            SettlementRecord now = stored(r.getRecord().getSettlementId());
            assertEquals(r.getRecord().getSettlement(), now.getSettlement(), r.getRecord().getMessageId());
        }
        assertTrue(settled.stream().anyMatch(r -> !r.getRecord().getSettlement().getWarningsList().isEmpty()),
                "a coded bill's catalog warning is among them");
        for (ReverseResponse r : reversed) {
            assertEquals(r.getRecord(), withoutClearing(stored(r.getRecord().getSettlementId())),
                    "reversed as it was answered");
        }
    }

    /** The record as version 0.1 answered it: without the clearing fields that came later. */
    static SettlementRecord withoutClearing(SettlementRecord r) {
        return r.toBuilder().clearInsuplcAdmdvs().clearMdtrtareaAdmvs().clearClrCategory().clearClrType()
                .clearInsutype().build();
    }

    @Test
    void everyOldSettlementHasItsClearingFieldsDerived() {
        for (SettleResponse r : settled) {
            SettlementRecord now = stored(r.getRecord().getSettlementId());
            // the region-level plan's person at 内蒙古自治区人民医院 (Hohhot): a local inpatient stay
            assertEquals("159900", now.getInsuplcAdmdvs(), r.getRecord().getMessageId());
            assertEquals("150100", now.getMdtrtareaAdmvs());
            assertEquals("LOCAL", now.getClrCategory());
            assertEquals("21", now.getClrType());
            assertEquals("310", now.getInsutype());
        }
    }

    @Test
    void retriesOfTheOldRequestsReplayAndChargeNothing() {
        for (int i = 0; i < settles.size(); i++) {
            SettleResponse again = api.settle(settles.get(i));
            assertTrue(again.getReplayed(), settles.get(i).getMessageId());
            assertEquals(stored(settled.get(i).getRecord().getSettlementId()), again.getRecord());
        }
        for (int i = 0; i < reverses.size(); i++) {
            ReverseResponse again = api.reverse(reverses.get(i));
            assertTrue(again.getReplayed());
            assertEquals(reversed.get(i).getReversalId(), again.getReversalId());
            assertEquals(reversed.get(i).getAccumulatorDeltaMap(), again.getAccumulatorDeltaMap());
        }
        SettleRequest other = settles.get(0).toBuilder().setSettleDate("2025-03-11").build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> api.settle(other));
        assertEquals("MESSAGE_ID_REUSED", GatewayFixture.errorInfo(e).getReason());
    }

    @Test
    void anOldSettlementReversesExactlyFromItsNewColumnsAndTheAuditIsClean() throws Exception {
        SettleResponse first = settled.get(0);
        ReverseResponse r = api.reverse(ReverseRequest.newBuilder().setInstitutionCode("H15010500001")
                .setMessageId("after-upgrade").setSettlementId(first.getRecord().getSettlementId()).build());
        assertEquals(SettlementStatus.REVERSED, r.getRecord().getStatus());
        assertEquals(300_000, r.getAccountCredit());
        first.getRecord().getSettlement().getAccumulatorDeltaMap()
                .forEach((k, v) -> assertEquals(-v, r.getAccumulatorDeltaOrThrow(k), k));
        var person = api.getPerson(GetPersonRequest.newBuilder().setCredential(settles.get(0).getCredential())
                .setYear(2025).build());
        person.getAccumulatorsMap().forEach((k, v) -> assertEquals(0L, v, k));
        assertEquals(300_000, person.getAccountBalance());
        LedgerAudit.Report audit = new LedgerAudit(db.dataSource(), RuleFiles.loadBundled()).run();
        assertTrue(audit.clean(), audit.discrepancies().toString());
        assertEquals(5, audit.settlements());
    }
}

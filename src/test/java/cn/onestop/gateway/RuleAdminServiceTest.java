package cn.onestop.gateway;

import cn.onestop.api.v1.GetStatsRequest;
import cn.onestop.api.v1.ListRuleVersionsRequest;
import cn.onestop.api.v1.PublishRuleVersionRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.RuleVersion;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Stats;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing a rule version: validated, never changing an old one, live on every node without a restart. */
class RuleAdminServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static GatewayFixture a;
    static Gateway b;
    static ManagedChannel bChannel;
    static SettlementServiceGrpc.SettlementServiceBlockingStub bSettlement;

    @BeforeAll
    static void start() throws Exception {
        a = new GatewayFixture("rule_admin");
        a.person("P1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
        // a second node on the same database
        b = Gateway.start(a.db, ServerConfig.defaults().withPort(0).withSamples(false)
                .withRulesPoll(Duration.ofMillis(200)), TlsConfig.defaults().withDir(a.pki), Clock.systemUTC());
        bChannel = GatewayFixture.tls(a.pki, b.port());
        bSettlement = SettlementServiceGrpc.newBlockingStub(bChannel)
                .withCallCredentials(a.credentials(GatewayFixture.HOSPITAL_3A));
    }

    @AfterAll
    static void stop() throws Exception {
        bChannel.shutdownNow();
        b.close();
        a.close();
    }

    static ObjectNode employee2023() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("config/rules/nm-region-employee-2023-01-01.json")));
    }

    static String version2026(long poolCap) throws Exception {
        ObjectNode n = employee2023();
        n.put("effective_from", "2026-01-01");
        n.put("effective_source", "test notice 2026");
        ((ObjectNode) n.get("sections").get("pool").get("annual_cap")).put("value", poolCap);
        return JSON.writeValueAsString(n);
    }

    @Test
    void aPublishedVersionIsLiveOnEveryNodeWithoutARestart() throws Exception {
        RuleVersion v = a.admin.publishRuleVersion(PublishRuleVersionRequest.newBuilder()
                .setContent(version2026(1_000_000)).build());
        assertEquals("NM-REGION-EMPLOYEE@2026-01-01", v.getId());
        assertEquals(64, v.getDigest().length());

        SettleRequest bill = p01("P1", "").setSettleDate("2026-03-10").build();
        // node A at once
        var onA = a.settlement.preSettle(bill).getSettlement();
        assertEquals("NM-REGION-EMPLOYEE@2026-01-01", onA.getRuleVersion());
        assertEquals(1_000_000, onA.getAmounts().getHifpPay());
        // node B within its poll interval
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String onB;
        do {
            onB = bSettlement.preSettle(bill).getSettlement().getRuleVersion();
            if (!onB.equals("NM-REGION-EMPLOYEE@2026-01-01")) {
                Thread.sleep(50);
            }
        } while (!onB.equals("NM-REGION-EMPLOYEE@2026-01-01") && System.nanoTime() < until);
        assertEquals("NM-REGION-EMPLOYEE@2026-01-01", onB);
        // the old version still settles its own dates, unchanged
        assertEquals("NM-REGION-EMPLOYEE@2023-01-01",
                bSettlement.preSettle(p01("P1", "").build()).getSettlement().getRuleVersion());

        var list = a.admin.listRuleVersions(ListRuleVersionsRequest.newBuilder().setPlan("NM-REGION-EMPLOYEE").build());
        assertEquals(3, list.getVersionsCount());

        // publishing the same bytes again is a no-op; other content for the same day is refused
        assertTrue(v.getCreated(), "the first publication published it");
        assertEquals(v.toBuilder().setCreated(false).build(), a.admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(version2026(1_000_000)).build()));
        StatusRuntimeException changed = assertThrows(StatusRuntimeException.class, () -> a.admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(version2026(2_000_000)).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, changed.getStatus().getCode());
        assertEquals("RULE_VERSION_EXISTS", GatewayFixture.errorInfo(changed).getReason());
    }

    @Test
    void anOverlappingRangeIsRefused() throws Exception {
        ObjectNode n = employee2023();
        n.put("plan", "WUHAI-EMPLOYEE");
        n.put("effective_from", "2020-01-01");
        n.put("effective_to", "2023-12-31");
        n.remove("sections");
        ObjectNode w = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("config/rules/wuhai-employee-2022-10-01.json")));
        n.set("sections", w.get("sections"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> a.admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(JSON.writeValueAsString(n)).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("RULE_VERSION_CONFLICT", GatewayFixture.errorInfo(e).getReason());
    }

    @Test
    void anInvalidRuleFileIsInvalidArgumentNamingTheParameter() throws Exception {
        ObjectNode n = employee2023();
        n.put("effective_from", "2027-01-01");
        ((ObjectNode) n.get("sections").get("employee_inpatient").get("ratio_active_g1_seg1_bp")).put("value", 10_500);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> a.admin.publishRuleVersion(
                PublishRuleVersionRequest.newBuilder().setContent(JSON.writeValueAsString(n)).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("employee_inpatient.ratio_active_g1_seg1_bp"),
                e.getStatus().getDescription());
        assertEquals(java.util.List.of("content"), GatewayFixture.violatedFields(e));
    }

    @Test
    void statsShowTheCachesAndThePool() {
        Stats s = a.admin.getStats(GetStatsRequest.getDefaultInstance());
        assertTrue(s.getRuleGeneration() >= 5);
        assertTrue(s.getCachesList().stream().anyMatch(c -> c.getName().equals("rule_tables") && c.getSize() >= 5));
        assertTrue(s.getDbPoolTotal() > 0);
        assertTrue(s.getExecutorThreads() >= 0);
        assertTrue(s.getHeapUsedBytes() > 0 && s.getHeapUsedBytes() <= s.getHeapCommittedBytes(), s.toString());
        assertTrue(s.getHeapMaxBytes() == 0 || s.getHeapCommittedBytes() <= s.getHeapMaxBytes(), s.toString());
        assertTrue(s.getHeapAfterGcBytes() >= 0);
        assertTrue(s.getSettleBatched() >= s.getSettleBatches(), s.toString());
    }

    @Test
    void statsCountTheSettlementsAndTheirCommits() throws Exception {
        long before = a.admin.getStats(GetStatsRequest.getDefaultInstance()).getSettleBatched();
        a.person("STATS1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
        a.settlement.settle(p01("STATS1", "stats-1").build());
        Stats s = a.admin.getStats(GetStatsRequest.getDefaultInstance());
        assertEquals(before + 1, s.getSettleBatched());
        assertTrue(s.getSettleBatches() >= 1);
    }

    @Test
    void statsAreForAdministratorsAndAuditorsOnly() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> RuleAdminServiceGrpc
                .newBlockingStub(a.channel).withCallCredentials(a.credentials(GatewayFixture.HOSPITAL_3A))
                .getStats(GetStatsRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(RuleAdminServiceGrpc.newBlockingStub(a.channel).withCallCredentials(
                a.credentials(GatewayFixture.AUDITOR)).getStats(GetStatsRequest.getDefaultInstance())
                .getHeapUsedBytes() > 0);
    }
}

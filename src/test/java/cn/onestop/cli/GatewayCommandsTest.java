package cn.onestop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands for operations against a running development gateway: {@code rules list|show|diff|publish}
 * as the centre's administrator, {@code person show}, {@code bench}.
 */
class GatewayCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static SampleGateway g;

    @BeforeAll
    static void start() throws Exception {
        g = new SampleGateway("gateway_commands");
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    static SampleGateway.Run run(int at, String... words) {
        return SampleGateway.run(g.args(at, words));
    }

    static void assertLine(String out, String regex) {
        assertTrue(out.matches("(?s).*(?m:^" + regex + "$).*"), "a line " + regex + " in\n" + out);
    }

    @Test
    void rulesListShowsEveryPublishedVersionAndWhoPublishedIt() {
        SampleGateway.Run r = run(2, "rules", "list", "--lang", "en");
        assertEquals(0, r.status(), r.toString());
        assertLine(r.out(), "NM-REGION-EMPLOYEE +NM-REGION-EMPLOYEE@2008-07-01 +2008-07-01 – 2014-12-31 +\\S+ \\S+ UTC "
                + "+local:release");
        for (String id : new String[] {"NM-REGION-EMPLOYEE@2023-01-01", "WUHAI-EMPLOYEE@2022-10-01",
                "CHIFENG-RESIDENT@2025-01-01", "MEDICAL-ASSISTANCE@2024-01-23"}) {
            assertTrue(r.out().contains(id), r.out());
        }
    }

    @Test
    void rulesShowGivesEveryParameterOfTheVersionInForceInYuanOrPercentWithItsSource() throws Exception {
        SampleGateway.Run r = run(2, "rules", "show", "NM-REGION-EMPLOYEE", "--date", "2025-06-01", "--lang", "en");
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("NM-REGION-EMPLOYEE@2023-01-01"), out);
        assertLine(out, "pool\\.annual_cap +205,000\\.00 yuan +E §19 \\[interp\\] — read as a cap on the pool's payments");
        assertLine(out, "employee_inpatient\\.ratio_active_g1_seg1_bp +85% +E §22");
        assertLine(out, "employee_inpatient\\.filing_adj_temporary_cross_province_bp +-5 pp +E §23, §55 \\[interp\\].*");
        assertLine(out, "lines\\.bed_cap_level3 +40\\.00 yuan +E §21");
        assertLine(out, "outpatient_pooling\\.deductible +1,000\\.00 yuan +\\[assumed\\] — .*");
        assertLine(out, "arrears\\.suspends_insurance +yes +E §27, §43");
        assertLine(out, "62 parameters: 47 from the documents, 9 interpreted \\[interp\\], 6 assumed \\[assumed\\].*");

        SampleGateway.Run old = run(2, "rules", "show", "NM-REGION-EMPLOYEE", "--date", "2010-06-01");
        assertTrue(old.out().startsWith("NM-REGION-EMPLOYEE@2008-07-01"), old.toString());
        assertLine(old.out(), "pool\\.annual_cap +35,000\\.00 元 +.*");

        SampleGateway.Run none = run(2, "rules", "show", "NM-REGION-EMPLOYEE", "--date", "2018-01-01");
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains("no version of NM-REGION-EMPLOYEE is in force on 2018-01-01"), none.err());

        SampleGateway.Run resident = run(2, "rules", "show", "CHIFENG-RESIDENT", "--lang", "en");
        assertLine(resident.out(), "critical_illness\\.bands\\[0\\] +60% up to 50,000\\.00 yuan +\\[assumed\\] — .*");
        assertLine(resident.out(), "critical_illness\\.bands\\[2\\] +80% beyond +\\[assumed\\] — .*");
        assertLine(resident.out(), "critical_illness\\.relief_categories +EXTREME_POVERTY, SUBSISTENCE, AT_RISK +\\[assumed\\].*");

        SampleGateway.Run centre = run(2, "rules", "show", "CENTRE-SETTLEMENT", "--lang", "en");
        assertLine(centre.out(), "insured_regions\\.CHIFENG-RESIDENT +150400 +R §2 \\[interp\\].*");
        assertLine(centre.out(), "pooling_regions\\.159900 +1501 +E §32 \\[interp\\].*");
        assertLine(centre.out(), "inpatient_pool_advance\\.NM-REGION-EMPLOYEE +90% +E §50.*");

        JsonNode json = JSON.readTree(run(2, "rules", "show", "CHIFENG-RESIDENT@2025-01-01", "--json").out());
        JsonNode band = null;
        for (JsonNode p : json.get("parameters")) {
            if (p.get("name").asText().equals("critical_illness.bands[1]")) {
                band = p;
            }
        }
        assertEquals("band", band.get("unit").asText());
        assertEquals(7_000, band.get("value").asLong());
        assertEquals(10_000_000, band.get("up_to").asLong());
        assertEquals("assumed", band.get("basis").asText());
        assertEquals("local:release", json.get("published_by").asText());
    }

    /** The Wuhai table from 2026 with a lower deductible and a higher cap, under a notice as their source. */
    static Path wuhai2026() throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(Files.readString(Path.of("config/rules/wuhai-employee-2022-10-01.json")));
        n.put("effective_from", "2026-01-01").put("effective_source", "notice 2025-12 (test)");
        ObjectNode pooling = (ObjectNode) n.get("sections").get("outpatient_pooling");
        pooling.putObject("deductible").put("value", 80_000).put("source", "notice 2025-12 §3 (test)");
        pooling.putObject("annual_cap_active").put("value", 450_000).put("source", "notice 2025-12 §3 (test)");
        long retiredCap = pooling.get("annual_cap_retired").get("value").asLong();
        pooling.putObject("annual_cap_retired").put("value", retiredCap)
                .put("source", "notice 2025-12 §4 (test)"); // the same value, now on the notice's authority
        Path f = Files.createTempFile(Path.of("target"), "wuhai-2026-", ".json");
        Files.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        return f;
    }

    @Test
    void rulesDiffShowsOnlyWhatDiffersOldToNewWithBothSources() throws Exception {
        Path f = wuhai2026();
        SampleGateway.Run r = run(2, "rules", "diff", "WUHAI-EMPLOYEE@2022-10-01", f.toString(), "--lang", "en");
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        assertLine(out, "  outpatient_pooling\\.deductible +1,000\\.00 yuan \\(W §9\\)  →  800\\.00 yuan "
                + "\\(notice 2025-12 §3 \\(test\\)\\)");
        assertLine(out, "  outpatient_pooling\\.annual_cap_active +4,000\\.00 yuan \\(W §9\\)  →  4,500\\.00 yuan "
                + "\\(notice 2025-12 §3 \\(test\\)\\)");
        assertLine(out, "  in force +2022-10-01 – \\(until a later version\\) \\(W §26\\)  →  2026-01-01 – "
                + "\\(until a later version\\) \\(notice 2025-12 \\(test\\)\\)");
        assertLine(out, "~ outpatient_pooling\\.annual_cap_retired +[0-9,.]+ yuan \\(W §9\\)  →  same value, source "
                + "notice 2025-12 §4 \\(test\\)");
        assertLine(out, "2 parameters differ, 9 the same, 1 with only their source changed");
        assertFalse(out.contains("ratio_level3_bp"), "what is the same is not listed: " + out);

        SampleGateway.Run same = run(2, "rules", "diff", "WUHAI-EMPLOYEE@2022-10-01", "WUHAI-EMPLOYEE@2022-10-01",
                "--lang", "en");
        assertLine(same.out(), "the parameters are the same \\(12\\)");
        SampleGateway.Run unknown = run(2, "rules", "diff", "WUHAI-EMPLOYEE@2022-10-01", "WUHAI-EMPLOYEE@2030-01-01");
        assertEquals(2, unknown.status(), unknown.toString());
    }

    @Test
    void rulesPublishIsRefusedOverSettledDatesUnlessForcedWithAReasonAndRecordsWhoPublished() throws Exception {
        Path f = wuhai2026();
        SampleGateway.Run counter = run(2, "rules", "publish", f.toString(), "--as", "H15030200001");
        assertEquals(2, counter.status(), counter.toString());
        assertTrue(counter.err().contains("ROLE_NOT_PERMITTED"), counter.err());

        // a settlement of the plan on 2026-05-12
        assertEquals(0, run(1, "client", "settle", "config/samples/requests/general-outpatient-wuhai.json",
                "--message-id", "publish-test-1").status());
        SampleGateway.Run refused = run(2, "rules", "publish", f.toString());
        assertEquals(2, refused.status(), refused.toString());
        assertTrue(refused.err().contains("FAILED_PRECONDITION [RULE_VERSION_RETROACTIVE]: settlements of plan "
                + "WUHAI-EMPLOYEE already exist on or after 2026-01-01"), refused.err());
        assertTrue(refused.err().contains("--force-reason TEXT"), refused.err());

        SampleGateway.Run forced = run(2, "rules", "publish", f.toString(), "--force-reason", "the notice applies from 1 January");
        assertEquals(0, forced.status(), forced.toString());
        assertTrue(forced.out().startsWith("published WUHAI-EMPLOYEE@2026-01-01 (WUHAI-EMPLOYEE, in force from "
                + "2026-01-01), digest "), forced.out());
        assertTrue(forced.out().contains("by admin; forced over settled dates: the notice applies from 1 January"),
                forced.out());
        SampleGateway.Run again = run(2, "rules", "publish", f.toString());
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.out().startsWith("unchanged: already published WUHAI-EMPLOYEE@2026-01-01"), again.out());

        SampleGateway.Run list = run(2, "rules", "list", "--plan", "WUHAI-EMPLOYEE", "--lang", "en");
        assertLine(list.out(), "WUHAI-EMPLOYEE +WUHAI-EMPLOYEE@2026-01-01 +2026-01-01 – +\\S+ \\S+ UTC +admin");
        assertLine(list.out(), "    forced over settled dates: the notice applies from 1 January");
        assertEquals("admin", scalar("SELECT published_by FROM rule_versions WHERE version_id = 'WUHAI-EMPLOYEE@2026-01-01'"));
        assertEquals("admin", scalar("SELECT actor FROM audit_log WHERE action = 'PUBLISH_RULES' "
                + "AND subject = 'WUHAI-EMPLOYEE@2026-01-01'"));
        // live at once: the next pre-settlement of the plan uses it
        SampleGateway.Run pre = run(1, "client", "presettle", "config/samples/requests/general-outpatient-wuhai.json");
        assertTrue(pre.out().contains("规则版本 WUHAI-EMPLOYEE@2026-01-01"), pre.toString());
    }

    @Test
    void personShowIsACardWithTheYearsAccumulatorsAndMaskedNumbers() throws Exception {
        SampleGateway.Run r = run(2, "person", "show", "--id-card", "150102195812300265", "--year", "2026", "--lang", "en");
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("person 150100000005   孙桂兰\n"), out);
        assertLine(out, "plan +NM-REGION-EMPLOYEE");
        assertLine(out, "status +retired RETIRED");
        assertLine(out, "civil-servant subsidy +yes");
        assertLine(out, "credentials +02 ID card  \\*{14}0265");
        assertFalse(out.contains("150102195812300265"), "no ID number in full: " + out);
        assertLine(out, "personal account balance +9,356\\.00");
        assertLine(out, "  inpatient admissions admissions +2");
        assertLine(out, "  basic pool paid pool_paid +43,800\\.00");
        assertLine(out, "  civil-servant subsidy paid subsidy_paid +620\\.00");

        SampleGateway.Run zh = run(2, "person", "show", "--e-voucher", "EVC454FA23D827923C", "--year", "2026",
                "--as", "auditor");
        assertLine(zh.out(), "个人账户余额 +9,356\\.00");
        assertLine(zh.out(), "  住院次数 admissions +2");
        JsonNode json = JSON.readTree(run(2, "person", "show", "--ssc", "D38916652", "--json").out());
        assertEquals("150100000005", json.get("person_id").asText());

        SampleGateway.Run unknown = run(2, "person", "show", "--id-card", "150102190001010000");
        assertEquals(2, unknown.status(), unknown.toString());
        assertTrue(unknown.err().contains("NOT_FOUND [PERSON_NOT_FOUND]"), unknown.err());
    }

    @Test
    void benchPrintsThroughputLatencyAndTheStatusesSeen() throws Exception {
        SampleGateway.Run r = run(1, "bench", "--terminals", "2", "--seconds", "2", "--presettle");
        assertEquals(0, r.status(), r.toString());
        assertLine(r.out(), "bench: 2 terminals, 2 s, PreSettle, 12 bills \\(12 persons\\), localhost:\\d+");
        assertLine(r.out(), "calls +[\\d,]+ in \\d+\\.\\d s: [\\d,]+/s");
        assertLine(r.out(), "latency ms +p50 [\\d.]+ +p90 [\\d.]+ +p99 [\\d.]+ +max [\\d.]+");
        assertLine(r.out(), "statuses +OK [\\d,]+");

        Path stranger = Files.createTempFile(Path.of("target"), "stranger", ".json");
        Files.writeString(stranger, Files.readString(Path.of("config/samples/requests/inpatient-hohhot.json"))
                .replace("150102198204170317", "150102190001010000"));
        SampleGateway.Run refused = run(1, "bench", "-n", "1", "-d", "1", stranger.toString());
        assertEquals(1, refused.status(), refused.toString());
        assertLine(refused.out(), "statuses +NOT_FOUND PERSON_NOT_FOUND [\\d,]+");
    }

    @Test
    void aGatewayThatIsNotThereIsExitStatusThree() {
        SampleGateway.Run r = SampleGateway.run("rules", "list", "--target", "127.0.0.1:1", "--pki", g.pki.toString(),
                "--deadline-ms", "2000");
        assertEquals(3, r.status(), r.toString());
        assertTrue(r.err().contains("UNAVAILABLE"), r.err());
    }

    static String scalar(String sql) throws Exception {
        try (Connection c = g.db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String s = rs.getString(1);
            c.rollback();
            return s;
        }
    }
}

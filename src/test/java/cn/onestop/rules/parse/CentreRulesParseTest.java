package cn.onestop.rules.parse;

import cn.onestop.rules.Basis;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The centre rules (E §50–§52): every parameter sourced, regions checked, and not a plan anyone enrols in. */
class CentreRulesParseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("config/rules/centre-settlement-2023-01-01.json");

    private static ObjectNode file() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(FILE));
    }

    private static String refused(ObjectNode n) throws IOException {
        return assertThrows(RuleLoadException.class, () -> RuleTableParser.parse("c.json", JSON.writeValueAsBytes(n)))
                .getMessage();
    }

    @Test
    void theBundledCentreRulesCarryTheAdvanceTheSharingThresholdsAndThePlanRegions() {
        RuleBook book = RuleFiles.loadBundled();
        CentreRules c = book.centre(LocalDate.of(2026, 5, 1));
        assertEquals(9000, c.advance("NM-REGION-EMPLOYEE").bp());
        assertEquals("E §50", c.advance("NM-REGION-EMPLOYEE").source());
        assertNull(c.advance("CHIFENG-RESIDENT"), "paid in full");
        assertEquals(1000, c.floatBand().bp());
        assertEquals(1500, c.upperFloat().bp());
        assertEquals(5000, c.overspendShare().bp());
        assertEquals(5000, c.rewardShare().bp());
        assertEquals(10000, c.assessment().bp());
        assertEquals(Basis.ASSUMED, c.assessment().basis());
        assertEquals(Map.of("NM-REGION-EMPLOYEE", "159900", "WUHAI-EMPLOYEE", "150300", "CHIFENG-RESIDENT", "150400"),
                c.insuredRegionByPlan());
        assertEquals(Map.of("159900", "1501"), c.poolingRegionByRegion());
        assertNull(book.centre(LocalDate.of(2022, 12, 31)));
        assertEquals(c, book.latestCentre());
        assertTrue(!book.plans().containsKey(RuleTable.CENTRE_PLAN), "not a plan a person enrols in");
        assertNull(book.scheme(RuleTable.CENTRE_PLAN));
    }

    @Test
    void aMalformedRegionAnUnknownParameterOrAMissingSectionIsRefusedByName() throws IOException {
        ObjectNode n = file();
        ((ObjectNode) n.get("sections").get("insured_regions").get("WUHAI-EMPLOYEE")).put("value", 15030);
        assertTrue(refused(n).contains("insured_regions.WUHAI-EMPLOYEE: must be a 6-digit admin-division code"));

        n = file();
        ((ObjectNode) n.get("sections").get("pooling_regions")).set("15990", JSON.readTree(
                "{\"value\": 1501, \"source\": \"x\"}"));
        assertTrue(refused(n).contains("pooling_regions.15990: not a 6-digit"));

        n = file();
        ((ObjectNode) n.get("sections").get("year_end_sharing")).set("bonus_bp", JSON.readTree(
                "{\"value\": 1, \"source\": \"x\"}"));
        assertTrue(refused(n).contains("year_end_sharing.bonus_bp: unknown parameter"));

        n = file();
        ((ObjectNode) n.get("sections")).remove("inpatient_pool_advance");
        assertTrue(refused(n).contains("sections.inpatient_pool_advance: missing section"));

        n = file();
        ((ObjectNode) n.get("sections").get("inpatient_pool_advance").get("NM-REGION-EMPLOYEE")).put("value", 10001);
        assertTrue(refused(n).contains("inpatient_pool_advance.NM-REGION-EMPLOYEE: must be a ratio in basis points"));

        n = file();
        n.put("scheme", "EMPLOYEE");
        assertTrue(refused(n).contains("remove \"scheme\""));
    }
}

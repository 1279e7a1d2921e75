package cn.onestop.rules.parse;

import cn.onestop.rules.Basis;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.Scheme;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading refuses a bad rule file with a message naming the file and the parameter. */
class RuleTableParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String refusal(Consumer<ObjectNode> change) throws IOException {
        ObjectNode n = RuleFixtures.employee();
        change.accept(n);
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> RuleTableParser.parse("bad.json", JSON.writeValueAsBytes(n)));
        return e.getMessage();
    }

    private static ObjectNode section(ObjectNode root, String name) {
        return (ObjectNode) root.get("sections").get(name);
    }

    @Test
    void theBundledTablesLoadWithEveryParameterSourced() {
        RuleBook book = RuleFiles.loadBundled();
        assertEquals(6, book.size());
        RuleTable e = book.byId("NM-REGION-EMPLOYEE@2023-01-01");
        assertNotNull(e);
        assertEquals(Scheme.EMPLOYEE, e.scheme());
        assertEquals("E §22", e.sections().employeeInpatient().ratioActiveSeg1().get(0).source());
        assertEquals(Basis.ASSUMED, e.sections().outpatientPooling().deductible().basis());
        assertNull(e.sections().residentInpatient());
        assertEquals(64, e.digest().length());
        assertNull(book.byId("WUHAI-EMPLOYEE@2022-10-01").sections().employeeInpatient());
    }

    @Test
    void aRatioAboveOneHundredPercentIsRefusedNamingFileAndParameter() throws IOException {
        String m = refusal(n -> ((ObjectNode) section(n, "employee_inpatient").get("ratio_active_g1_seg1_bp"))
                .put("value", 12000));
        assertEquals("bad.json: employee_inpatient.ratio_active_g1_seg1_bp: must be a ratio in basis points, "
                + "0..10000, got 12000", m);
    }

    @Test
    void aNegativeAmountIsRefused() throws IOException {
        String m = refusal(n -> ((ObjectNode) section(n, "pool").get("annual_cap")).put("value", -1));
        assertTrue(m.startsWith("bad.json: pool.annual_cap: must be an amount in fen, at least 0"), m);
    }

    @Test
    void aParameterWithoutItsSourceIsRefused() throws IOException {
        String m = refusal(n -> ((ObjectNode) section(n, "large_amount").get("annual_cap")).remove("source"));
        assertTrue(m.startsWith("bad.json: large_amount.annual_cap: every parameter names its source"), m);
    }

    @Test
    void aMissingParameterIsRefused() throws IOException {
        String m = refusal(n -> section(n, "employee_inpatient").remove("deductible_floor_g2"));
        assertEquals("bad.json: employee_inpatient.deductible_floor_g2: missing", m);
    }

    @Test
    void anUnknownParameterIsRefusedSoATypoCannotFallBack() throws IOException {
        String m = refusal(n -> section(n, "pool").set("anual_cap", section(n, "pool").get("annual_cap")));
        assertEquals("bad.json: pool.anual_cap: unknown parameter", m);
    }

    @Test
    void aMissingSectionThatAnotherNeedsIsRefused() throws IOException {
        String m = refusal(n -> ((ObjectNode) n.get("sections")).remove("large_amount"));
        assertTrue(m.startsWith("bad.json: sections.large_amount: missing section"), m);
        String lines = refusal(n -> ((ObjectNode) n.get("sections")).remove("lines"));
        assertTrue(lines.startsWith("bad.json: sections.lines: missing section"), lines);
    }

    @Test
    void aResidentSectionInAnEmployeePlanIsRefused() throws IOException {
        String m = refusal(n -> ((ObjectNode) n.get("sections")).putObject("critical_illness"));
        assertEquals("bad.json: sections.critical_illness: not a section of a EMPLOYEE plan", m);
    }

    @Test
    void bedCapsComeAsASet() throws IOException {
        String m = refusal(n -> section(n, "lines").remove("bed_cap_level2"));
        assertTrue(m.contains("lines.bed_cap_level3: bed caps come as a set"), m);
    }

    @Test
    void badDatesAndReversedRangesAreRefused() throws IOException {
        assertTrue(refusal(n -> n.put("effective_from", "2023-13-01")).contains("effective_from: not a date"));
        assertTrue(refusal(n -> n.put("effective_to", "2022-01-01")).contains("is before effective_from"));
    }

    @Test
    void bandsMustRiseAndEndOpen() throws IOException {
        ObjectNode r = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("config/rules/chifeng-resident-2025-01-01.json")));
        ObjectNode bands = (ObjectNode) r.get("sections").get("critical_illness").get("bands");
        ((ObjectNode) bands.get("value").get(1)).put("upto", 4_000_000);
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> RuleTableParser.parse("r.json", JSON.writeValueAsBytes(r)));
        assertEquals("r.json: critical_illness.bands[1]: upto must be an amount in fen above the previous band's",
                e.getMessage());
    }

    @Test
    void notJsonIsRefusedNamingTheFile() {
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> RuleTableParser.parse("x.json", "{"));
        assertTrue(e.getMessage().startsWith("x.json: not valid JSON"), e.getMessage());
    }
}

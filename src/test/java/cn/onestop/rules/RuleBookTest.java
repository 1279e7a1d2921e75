package cn.onestop.rules;

import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rules.parse.RuleFixtures;
import cn.onestop.rules.parse.RuleTableParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Effective-dated versions: lookup, overlap refusal, publishing without changing an old version. */
class RuleBookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RuleTable version(String from, String to, long poolCap) throws IOException {
        ObjectNode n = RuleFixtures.employee();
        n.put("effective_from", from);
        if (to == null) {
            n.putNull("effective_to");
        } else {
            n.put("effective_to", to);
        }
        ((ObjectNode) n.get("sections").get("pool").get("annual_cap")).put("value", poolCap);
        return RuleTableParser.parse("v-" + from + ".json", JSON.writeValueAsBytes(n));
    }

    @Test
    void anOpenVersionRunsUntilTheNextOneStarts() throws IOException {
        RuleBook book = RuleBook.of(List.of(version("2023-01-01", null, 1), version("2026-01-01", null, 2)));
        assertEquals(1, book.find("NM-REGION-EMPLOYEE", LocalDate.of(2025, 12, 31)).sections().pool().annualCap().value());
        assertEquals(2, book.find("NM-REGION-EMPLOYEE", LocalDate.of(2026, 1, 1)).sections().pool().annualCap().value());
        assertNull(book.find("NM-REGION-EMPLOYEE", LocalDate.of(2022, 12, 31)));
        assertNull(book.find("NO-SUCH-PLAN", LocalDate.of(2025, 1, 1)));
    }

    @Test
    void aClosedVersionLeavesAGap() throws IOException {
        RuleBook book = RuleBook.of(List.of(version("2008-07-01", "2014-12-31", 1), version("2023-01-01", null, 2)));
        assertNull(book.find("NM-REGION-EMPLOYEE", LocalDate.of(2015, 1, 1)));
        assertEquals(1, book.find("NM-REGION-EMPLOYEE", LocalDate.of(2014, 12, 31)).sections().pool().annualCap().value());
    }

    @Test
    void overlappingRangesAreRefusedNamingBothVersions() throws IOException {
        RuleTable a = version("2023-01-01", "2025-06-30", 1);
        RuleTable b = version("2025-01-01", null, 2);
        RuleVersionConflictException e = assertThrows(RuleVersionConflictException.class, () -> RuleBook.of(List.of(a, b)));
        assertEquals("NM-REGION-EMPLOYEE@2025-01-01: effective range overlaps NM-REGION-EMPLOYEE@2023-01-01 "
                + "(in force to 2025-06-30)", e.getMessage());
    }

    @Test
    void twoDifferentVersionsOnTheSameDayAreRefusedButTheSameOneTwiceIsNot() throws IOException {
        assertThrows(RuleVersionConflictException.class,
                () -> RuleBook.of(List.of(version("2023-01-01", null, 1), version("2023-01-01", null, 2))));
        assertEquals(1, RuleBook.of(List.of(version("2023-01-01", null, 1), version("2023-01-01", null, 1))).size());
    }

    @Test
    void publishingBuildsANewBookAndLeavesTheOldOneAndItsVersionsUnchanged() throws IOException {
        RuleTable v1 = version("2023-01-01", null, 1);
        RuleBook before = RuleBook.of(List.of(v1));
        RuleBook after = before.with(version("2027-01-01", null, 3));
        assertEquals(1, before.size());
        assertEquals(2, after.size());
        assertSame(v1, after.byId("NM-REGION-EMPLOYEE@2023-01-01"));
        assertEquals(1, before.find("NM-REGION-EMPLOYEE", LocalDate.of(2027, 1, 1)).sections().pool().annualCap().value());
        assertEquals(3, after.find("NM-REGION-EMPLOYEE", LocalDate.of(2027, 1, 1)).sections().pool().annualCap().value());
    }

    @Test
    void aPlanCannotChangeScheme() throws IOException {
        ObjectNode n = RuleFixtures.employee();
        n.put("plan", "CHIFENG-RESIDENT");
        n.put("effective_from", "2030-01-01");
        RuleTable wrong = RuleTableParser.parse("x.json", JSON.writeValueAsBytes(n));
        RuleVersionConflictException e = assertThrows(RuleVersionConflictException.class, () -> RuleFiles.loadBundled().with(wrong));
        assertTrue(e.getMessage().contains("scheme EMPLOYEE differs"), e.getMessage());
    }
}

package cn.onestop.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule records refuse values a rule file could not have given them. */
class RuleRecordsTest {
    private static Param p(String name, long value) {
        return new Param(name, value, "E §1", Basis.DOCUMENT);
    }

    @Test
    void aRatioAboveOneHundredPercentIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmergencyOutpatientRules(p("emergency_outpatient.pool_bp", 10_001)));
        assertEquals("emergency_outpatient.pool_bp: must be a ratio in basis points, 0..10000, got 10001",
                e.getMessage());
    }

    @Test
    void eachKindOfNumberHasItsRange() {
        assertThrows(IllegalArgumentException.class, () -> new PoolRules(p("pool.annual_cap", -1)));
        assertThrows(IllegalArgumentException.class, () -> new PharmacyRules(p("pharmacy.dual_channel_pooling", 2)));
        assertThrows(IllegalArgumentException.class,
                () -> new CrDisabledRules(p("a", 1), p("b", 0), p("c", -10_001)));
        assertThrows(IllegalArgumentException.class, () -> new EligibilityRules(p("a", -1), p("b", 0)));
        assertThrows(NullPointerException.class, () -> new PoolRules(null));
        assertEquals(-10_000, new CrDisabledRules(p("a", 1), p("b", 0), p("c", -10_000)).retiredRatioBonus().value());
    }

    @Test
    void listsHaveOneParameterPerGroupAndCannotBeChangedAfterwards() {
        List<Param> three = new ArrayList<>(List.of(p("d1", 1), p("d2", 2), p("d3", 3)));
        ResidentInpatientRules r = new ResidentInpatientRules(three, p("rep", 5000), three, p("tcm", 0), p("max", 0));
        three.add(p("d4", 4));
        assertEquals(3, r.deductibleByLevel().size());
        assertThrows(UnsupportedOperationException.class, () -> r.ratioByLevel().add(p("x", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResidentInpatientRules(three, p("rep", 5000), three, p("tcm", 0), p("max", 0)));
        assertTrue(e.getMessage().startsWith("expected 3 parameters, got 4"), e.getMessage());
    }

    @Test
    void bedCapsComeAsASet() {
        Param cap = p("lines.bed_cap", 5000);
        assertThrows(IllegalArgumentException.class, () -> new LineRules(p("b", 1000), cap, cap, null, cap));
        assertTrue(new LineRules(p("b", 1000), cap, cap, cap, cap).hasBedCaps());
        assertTrue(!new LineRules(p("b", 1000), null, null, null, null).hasBedCaps());
    }

    @Test
    void bandsRiseAndTheLastIsOpen() {
        Band open = new Band(Long.MAX_VALUE, p("bands[1]", 6000));
        Band first = new Band(100, p("bands[0]", 5000));
        assertThrows(IllegalArgumentException.class, () -> new Band(0, p("bands[0]", 5000)));
        assertThrows(IllegalArgumentException.class, () -> illness(List.of(open, first)));
        assertThrows(IllegalArgumentException.class, () -> illness(List.of(first)));
        assertThrows(IllegalArgumentException.class, () -> illness(List.of()));
        assertEquals(2, illness(List.of(first, open)).bands().size());
    }

    private static CriticalIllnessRules illness(List<Band> bands) {
        return new CriticalIllnessRules(p("t", 1), bands, p("cap", 1), Set.of(), p("src", 0), p("rt", 0), p("rb", 0),
                p("ru", 0));
    }

    @Test
    void aVersionIdIsPlanAtItsStartAndOnlyTheAssistanceRulesHaveNoScheme() {
        LocalDate from = LocalDate.of(2023, 1, 1);
        Param src = p("effective_from", from.toEpochDay());
        RuleTable.Sections none = new RuleTable.Sections(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertEquals("P@2023-01-01",
                new RuleTable("P", "P@2023-01-01", Scheme.EMPLOYEE, null, from, null, src, "d", none).id());
        assertThrows(IllegalArgumentException.class,
                () -> new RuleTable("P", "Q@2023-01-01", Scheme.EMPLOYEE, null, from, null, src, "d", none));
        assertThrows(IllegalArgumentException.class,
                () -> new RuleTable("P", "P@2023-01-01", null, null, from, null, src, "d", none));
        String a = RuleTable.ASSISTANCE_PLAN;
        assertThrows(IllegalArgumentException.class,
                () -> new RuleTable(a, a + "@2023-01-01", Scheme.RESIDENT, null, from, null, src, "d", none));
    }
}

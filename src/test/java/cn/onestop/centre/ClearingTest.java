package cn.onestop.centre;

import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.VisitType;
import cn.onestop.rules.Basis;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.Scheme;
import cn.onestop.rules.parse.RuleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POLICY §11: clearing category, clearing type, insurance type; the E §50 advance. */
class ClearingTest {
    static final CentreRules CENTRE = RuleFiles.loadBundled().latestCentre();

    private static AdminDivision r(String code) {
        return new AdminDivision(code);
    }

    @ParameterizedTest(name = "insured {0} treated in {1}: {2}")
    @CsvSource({
            "159900, 150100, LOCAL",          // the region-level plan's pooling region is Hohhot (E §32)
            "159900, 150105, LOCAL",          // a Hohhot district
            "159900, 150300, IN_PROVINCE",    // Wuhai
            "159900, 110100, CROSS_PROVINCE", // Beijing
            "150400, 150400, LOCAL",
            "150400, 150402, LOCAL",          // same city (1504)
            "150400, 150100, IN_PROVINCE",
            "150400, 159900, IN_PROVINCE",    // treated "at" 159900 counts as Hohhot
            "150300, 150100, IN_PROVINCE",
            "150300, 210200, CROSS_PROVINCE",
            "110105, 150100, CROSS_PROVINCE",
    })
    void theCategoryComesFromThePoolingRegionThenTheProvince(String insured, String treated, ClearingCategory expected) {
        assertEquals(expected, ClearingCategory.of(r(insured), r(treated), CENTRE.poolingRegionByRegion()));
    }

    @Test
    void withoutThePoolingOverrideTheRegionLevelPlanWouldBeInProvinceAtHome() {
        assertEquals(ClearingCategory.IN_PROVINCE, ClearingCategory.of(r("159900"), r("150100"), java.util.Map.of()));
    }

    @Test
    void clearingTypeFollowsTheVisitAndInsuranceTypeTheScheme() {
        assertEquals("21", ClearingType.of(VisitType.INPATIENT).code());
        assertEquals("21", ClearingType.of(VisitType.EMERGENCY_TO_INPATIENT).code());
        assertEquals("11", ClearingType.of(VisitType.EMERGENCY_OUTPATIENT).code());
        assertEquals("11", ClearingType.of(VisitType.GENERAL_OUTPATIENT).code());
        assertEquals("11", ClearingType.of(VisitType.OUTPATIENT_OBSERVATION).code());
        assertEquals("11", ClearingType.of(VisitType.INJURY_OUTPATIENT).code());
        assertEquals("41", ClearingType.of(VisitType.PHARMACY).code());
        assertEquals("310", InsuranceType.of(Scheme.EMPLOYEE).code());
        assertEquals("390", InsuranceType.of(Scheme.RESIDENT).code());
        assertEquals(ClearingType.PHARMACY, ClearingType.ofCode("41").orElseThrow());
        assertTrue(ClearingType.ofCode("31").isEmpty());
        assertEquals(InsuranceType.RESIDENT_BASIC, InsuranceType.ofCode("390").orElseThrow());

        Clearing c = Clearing.of(r("150400"), r("150100"), VisitType.INPATIENT, Scheme.RESIDENT, CENTRE);
        assertEquals(new Clearing(r("150400"), r("150100"), ClearingCategory.IN_PROVINCE, ClearingType.INPATIENT,
                InsuranceType.RESIDENT_BASIC), c);
        assertTrue(c.category().crossRegion());
        assertFalse(ClearingCategory.LOCAL.crossRegion());
    }

    @Test
    void aMalformedRegionIsRefusedNamingTheField() {
        for (String bad : new String[] {"15010", "1501000", "15O100", "", "000000"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> AdminDivision.of("insuplc_admdvs", bad));
            assertEquals("insuplc_admdvs", e.violations().get(0).field());
        }
        assertThrows(InvalidRequestException.class, () -> AdminDivision.of("region", null));
    }

    @Test
    void theAdvanceIsPayOfTheSumAndTheRestIsWithheld() {
        Param bp = CENTRE.advance("NM-REGION-EMPLOYEE");
        MonthlyAdvance a = MonthlyAdvance.of(1_234_565, bp);
        assertEquals(1_111_109, a.advanced()); // 1,111,108.5 rounds half up
        assertEquals(123_456, a.withheld());
        MonthlyAdvance negative = MonthlyAdvance.of(-1_234_565, bp); // a month of more reversals than stays
        assertEquals(-1_111_109, negative.advanced());
        assertEquals(-123_456, negative.withheld());
        assertEquals(0, MonthlyAdvance.of(0, new Param("x", 9000, "t", Basis.DOCUMENT)).advanced());
    }
}

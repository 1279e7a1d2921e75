package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.VisitType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static cn.onestop.request.Category.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R: inpatient with TCM uplift, critical illness, observation, injury, eligibility. */
class ResidentPlanTest {

    @ParameterizedTest(name = "level {0}, {1} earlier admissions: deductible {2}, pool {3}")
    @CsvSource({"1, 0, 20000, 72000", "0, 0, 20000, 72000", "2, 0, 60000, 32000", "3, 0, 100000, 0",
            "3, 1, 50000, 35000", "2, 4, 30000, 56000"})
    void deductibleAndRatioByLevelHalvedFromTheSecondAdmission(int level, long earlier, long ded, long pool) {
        SetlInfo a = Req.resident().at(level, Grade.A).ytd(Accumulator.ADMISSIONS, earlier).line(A, 100_000).amounts();
        assertEquals(ded, a.actPayDedc());
        assertEquals(pool, a.hifpPay());
    }

    @Test
    void tcmUpliftIsCappedAtNinetyFiveAndTheDeductibleComesFromOtherLinesFirst() {
        SetlInfo a = Req.resident().at(1, Grade.A).tcm().tcmDrug(100_000).line(A, 10_000).amounts();
        assertEquals(20_000, a.actPayDedc());
        assertEquals(85_500, a.hifpPay()); // 90,000 × min(9000 + 1500, 9500); the 10,000 non-TCM line all deductible
    }

    @Test
    void tcmDrugsGetNoUpliftOutsideATcmInstitution() {
        assertEquals(32_000, Req.resident().at(2, Grade.A).tcmDrug(100_000).amounts().hifpPay());
    }

    @Test
    void poolAnnualCapLeavesTheRestToCriticalIllnessBase() {
        Settlement s = Req.resident().ytd(Accumulator.POOL_PAID, 11_990_000).line(A, 1_000_000).settle();
        assertEquals(10_000, s.amounts().hifpPay());
        assertEquals(990_000, s.delta().get(Accumulator.CRITICAL_BASE));
        assertEquals(0, s.amounts().hifmiPay());
    }

    @Test
    void criticalIllnessBandsArePositionsOnTheCumulativeBaseAxis() {
        SetlInfo inBand1 = Req.resident().ytd(Accumulator.CRITICAL_BASE, 4_000_000).line(A, 3_000_000).amounts();
        assertEquals(2_030_000, inBand1.hifpPay());
        assertEquals(582_000, inBand1.hifmiPay()); // 970,000 × 6000
        SetlInfo crossing = Req.resident().ytd(Accumulator.CRITICAL_BASE, 4_500_000).line(A, 3_000_000).amounts();
        assertEquals(629_000, crossing.hifmiPay()); // 500,000 × 6000 + 470,000 × 7000
        SetlInfo top = Req.resident().ytd(Accumulator.CRITICAL_BASE, 10_000_000).line(A, 3_000_000).amounts();
        assertEquals(776_000, top.hifmiPay()); // 970,000 × 8000
    }

    @Test
    void criticalIllnessThresholdIsCumulative() {
        SetlInfo below = Req.resident().line(A, 3_000_000).amounts(); // base 970,000 < 1,500,000
        assertEquals(0, below.hifmiPay());
        SetlInfo crossing = Req.resident().ytd(Accumulator.CRITICAL_BASE, 1_000_000).line(A, 3_000_000).amounts();
        assertEquals(282_000, crossing.hifmiPay()); // (1,970,000 − 1,500,000) × 6000
    }

    @Test
    void criticalIllnessStopsAtItsAnnualCap() {
        SetlInfo a = Req.resident().ytd(Accumulator.CRITICAL_BASE, 4_000_000).ytd(Accumulator.CRITICAL_PAID, 39_900_000)
                .line(A, 3_000_000).amounts();
        assertEquals(100_000, a.hifmiPay());
    }

    @Test
    void assistanceReliefHalvesTheThresholdAddsFivePointsAndLiftsTheCap() {
        SetlInfo a = Req.resident().assistance(AssistanceCategory.EXTREME_POVERTY, "2025-01-01", null)
                .ytd(Accumulator.CRITICAL_PAID, 50_000_000).line(A, 3_000_000).amounts();
        assertEquals(143_000, a.hifmiPay()); // (970,000 − 750,000) × 6500, no cap
        assertEquals(744_300, a.mafPay()); // (970,000 − 143,000) × 9000
    }

    @Test
    void reliefNeedsAReliefCategory() {
        SetlInfo a = Req.resident().assistance(AssistanceCategory.NEAR_SUBSISTENCE, "2025-01-01", null)
                .line(A, 3_000_000).amounts();
        assertEquals(0, a.hifmiPay());
    }

    @Test
    void observationPaysHalfToTwoHundredAVisitAtPrimaryInstitutions() {
        Settlement s = Req.resident().visit(VisitType.OUTPATIENT_OBSERVATION).at(1, Grade.NONE)
                .kind(InstitutionKind.PRIMARY).ytd(Accumulator.OBSERVATION_PAID, 30_000).line(A, 52_000).settle();
        assertEquals(10_000, s.amounts().hifpPay()); // the annual 40,000 leaves 10,000
        assertEquals(1, s.delta().get(Accumulator.OBSERVATION_VISITS));
    }

    @Test
    void observationElsewhereOrAfterTwoPaidVisitsPaysNothingWithoutError() {
        SetlInfo hospital = Req.resident().visit(VisitType.OUTPATIENT_OBSERVATION).line(A, 52_000).amounts();
        assertEquals(0, hospital.hifpPay());
        Settlement third = Req.resident().visit(VisitType.OUTPATIENT_OBSERVATION).kind(InstitutionKind.PRIMARY)
                .ytd(Accumulator.OBSERVATION_VISITS, 2).line(A, 52_000).settle();
        assertEquals(0, third.amounts().hifpPay());
        assertEquals(0, third.delta().get(Accumulator.OBSERVATION_VISITS));
    }

    @Test
    void studentInjuryOutpatientPaysEightyPercentToAnAnnualCap() {
        assertEquals(40_000, Req.resident().student().visit(VisitType.INJURY_OUTPATIENT).line(A, 60_000).amounts()
                .hifpPay());
        assertEquals(10_000, Req.resident().student().visit(VisitType.INJURY_OUTPATIENT)
                .ytd(Accumulator.INJURY_OUTPATIENT_PAID, 30_000).line(A, 60_000).amounts().hifpPay());
        assertEquals(0, Req.resident().visit(VisitType.INJURY_OUTPATIENT).line(A, 60_000).amounts().hifpPay());
    }

    @Test
    void aNewbornEnrolledOnDayNinetyIsCoveredFromBirthButNotOnDayNinetyOne() {
        SetlInfo day90 = Req.resident().on("2025-02-10").benefitStart("2025-05-02").newborn("2025-02-01", "2025-05-02")
                .line(A, 100_000).amounts();
        assertEquals(100_000, day90.actPayDedc());
        assertEquals(Refusal.NOT_ELIGIBLE, Req.resident().on("2025-02-10").benefitStart("2025-05-03")
                .newborn("2025-02-01", "2025-05-03").line(A, 100_000).refuse().code());
    }

    @Test
    void anAssistanceIdentityHeldOnTheDateWaivesTheWaitingPeriod() {
        assertEquals(60_000, Req.resident().on("2025-03-10").benefitStart("2025-06-01").at(2, Grade.A)
                .assistance(AssistanceCategory.AT_RISK, "2025-03-10", null).line(A, 100_000).amounts().actPayDedc());
        Outcome.Refused expired = Req.resident().on("2025-03-10").benefitStart("2025-06-01")
                .assistance(AssistanceCategory.AT_RISK, "2025-01-01", "2025-03-09").line(A, 100_000).refuse();
        assertEquals(Refusal.NOT_ELIGIBLE, expired.code());
        assertTrue(expired.reason().contains("2025-06-01"), expired.reason());
    }

    @Test
    void residentPlanHasNoGeneralOutpatientPharmacyOrEmergencySection() {
        for (VisitType t : new VisitType[] {VisitType.GENERAL_OUTPATIENT, VisitType.PHARMACY,
                VisitType.EMERGENCY_OUTPATIENT}) {
            assertEquals(Refusal.RULE_SECTION_MISSING, Req.resident().visit(t).line(A, 1).refuse().code(), t.name());
        }
        for (VisitType t : new VisitType[] {VisitType.OUTPATIENT_OBSERVATION, VisitType.INJURY_OUTPATIENT}) {
            assertEquals(Refusal.RULE_SECTION_MISSING, Req.employee().visit(t).line(A, 1).refuse().code(), t.name());
        }
    }

    @Test
    void residentFundRowsUseTheResidentFundCodes() {
        Settlement s = Req.resident().ytd(Accumulator.CRITICAL_BASE, 4_000_000).line(A, 3_000_000).settle();
        assertEquals(FundType.RESIDENT_POOL, s.funds().get(0).fund());
        assertEquals("390100", s.funds().get(0).fund().code());
        assertEquals(FundType.CRITICAL_ILLNESS, s.funds().get(1).fund());
        assertEquals("390200", s.funds().get(1).fund().code());
    }
}

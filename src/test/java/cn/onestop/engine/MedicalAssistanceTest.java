package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.Grade;
import cn.onestop.request.VisitType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.onestop.request.Category.A;
import static cn.onestop.request.Category.SELF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A: categories on the settlement date, highest wins, deductible and cap; monitoring; out-of-catalog. */
class MedicalAssistanceTest {

    @Test
    void assistancePaysOnTheBurdenLeftByInsuranceDeductibleIncluded() {
        Settlement s = Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null).at(2, Grade.A)
                .line(A, 100_000).settle();
        // pool 66,500 (70,000 × 9500); burden 30,000 + 3,500 = 33,500 × 7000
        assertEquals(66_500, s.amounts().hifpPay());
        assertEquals(23_450, s.amounts().mafPay());
        assertEquals(FundType.MEDICAL_ASSISTANCE, s.funds().get(1).fund());
        assertEquals("610100", s.funds().get(1).fund().code());
    }

    @Test
    void theAnnualDeductibleIsSharedAndOnlyTheWinnersCountsTowardIt() {
        Settlement s = Req.employee().assistance(AssistanceCategory.NEAR_SUBSISTENCE, "2025-01-01", null)
                .ytd(Accumulator.ASSISTANCE_DEDUCTIBLE_MET, 250_000).at(2, Grade.A).line(A, 1_000_000).settle();
        // pool 921,500; burden 78,500; 50,000 deductible left; 28,500 × 6000
        assertEquals(17_100, s.amounts().mafPay());
        assertEquals(50_000, s.delta().get(Accumulator.ASSISTANCE_DEDUCTIBLE_MET));
    }

    @Test
    void aBurdenBelowTheDeductiblePaysNothingButCounts() {
        Settlement s = Req.employee().assistance(AssistanceCategory.ILLNESS_POVERTY, "2025-01-01", null)
                .line(A, 100_000).settle();
        assertEquals(0, s.amounts().mafPay());
        assertEquals(s.amounts().psnCashPay(), s.delta().get(Accumulator.ASSISTANCE_DEDUCTIBLE_MET));
    }

    @Test
    void anIdentityOutsideItsValidityIsNotUsedAndBothEndsAreInclusive() {
        assertEquals(0, Req.employee().on("2025-07-01").assistance(AssistanceCategory.SUBSISTENCE, "2024-01-01",
                "2025-06-30").line(A, 100_000).amounts().mafPay());
        assertTrue(Req.employee().on("2025-06-30").assistance(AssistanceCategory.SUBSISTENCE, "2024-01-01",
                "2025-06-30").line(A, 100_000).amounts().mafPay() > 0);
        assertTrue(Req.employee().on("2025-06-30").assistance(AssistanceCategory.SUBSISTENCE, "2025-06-30",
                null).line(A, 100_000).amounts().mafPay() > 0);
    }

    @Test
    void theHighestPayingCategoryWinsNeverTwo() {
        Settlement s = Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null)
                .assistance(AssistanceCategory.EXTREME_POVERTY, "2025-01-01", null).at(2, Grade.A)
                .line(A, 100_000).settle();
        assertEquals(30_150, s.amounts().mafPay()); // 33,500 × 9000, not 7000 and not both
        assertEquals(1, s.funds().stream().filter(f -> f.fund() == FundType.MEDICAL_ASSISTANCE).count());
    }

    @Test
    void assistanceStopsAtItsAnnualCap() {
        assertEquals(10_000, Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null)
                .ytd(Accumulator.ASSISTANCE_PAID, 5_990_000).at(2, Grade.A).line(A, 100_000).amounts().mafPay());
    }

    @Test
    void underArrearsAssistancePaysOnTheWholeInPolicyBill() {
        SetlInfo a = Req.employee().arrears().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null)
                .line(A, 100_000).amounts();
        assertEquals(70_000, a.mafPay());
        assertEquals(30_000, a.psnCashPay());
    }

    @Test
    void beforeTheAssistanceRulesAreInForceTheLayerDoesNotRunAndSaysSo() {
        Settlement s = Req.wuhai().on("2023-06-01").assistance(AssistanceCategory.SUBSISTENCE, "2023-01-01", null)
                .line(A, 200_000).settle();
        assertEquals(0, s.amounts().mafPay());
        assertEquals(List.of(Warning.ASSISTANCE_RULES_NOT_IN_FORCE), s.warnings());
        assertEquals(List.of(), s.flags());
        assertEquals(null, s.assistanceVersion());
    }

    @Test
    void outOfCatalogShareAboveFivePercentAtLevelTwoWarns() {
        Req exactly = Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null).at(2, Grade.A)
                .line(SELF, 5_000).line(A, 95_000);
        assertEquals(List.of(), exactly.settle().warnings());
        Req above = Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null).at(2, Grade.A)
                .line(SELF, 5_001).line(A, 94_999);
        assertEquals(List.of(Warning.OUT_OF_CATALOG_RATIO), above.settle().warnings());
    }

    @Test
    void outOfCatalogLineIsTenPercentAtLevelThreeAndOnlyForAssistancePersons() {
        assertEquals(List.of(), Req.employee().assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null)
                .line(SELF, 10_000).line(A, 90_000).settle().warnings());
        assertEquals(List.of(Warning.OUT_OF_CATALOG_RATIO), Req.employee()
                .assistance(AssistanceCategory.SUBSISTENCE, "2025-01-01", null).line(SELF, 10_001).line(A, 89_999)
                .settle().warnings());
        assertEquals(List.of(), Req.employee().line(SELF, 50_000).line(A, 50_000).settle().warnings());
    }

    @Test
    void monitoringFlagsTheYearsBurdenAgainstTheIncomeLines() {
        // burden after insurance of a 100,000 general outpatient bill at level 3 below the deductible: 100,000
        Req base = Req.employee().visit(VisitType.GENERAL_OUTPATIENT).line(A, 100_000);
        assertEquals(List.of(), base.ytd(Accumulator.PERSONAL_BURDEN, 961_050).settle().flags());
        assertEquals(List.of(Flag.RELAPSE_WATCH), base.ytd(Accumulator.PERSONAL_BURDEN, 961_051).settle().flags());
        assertEquals(List.of(Flag.RELAPSE_WATCH), base.ytd(Accumulator.PERSONAL_BURDEN, 2_022_100).settle().flags());
        Settlement watch = base.ytd(Accumulator.PERSONAL_BURDEN, 2_022_101).settle();
        assertEquals(List.of(Flag.ILLNESS_POVERTY_WATCH), watch.flags());
        assertEquals(100_000, watch.delta().get(Accumulator.PERSONAL_BURDEN));
    }
}

package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.VisitType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static cn.onestop.request.Category.A;
import static cn.onestop.request.Category.B;
import static cn.onestop.request.Category.BED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E inpatient: deductible, grade groups, segments, caps, large-amount, subsidy, cr-disabled, meals. */
class EmployeeInpatientTest {

    @ParameterizedTest(name = "level {0} grade {1}, {2} earlier admissions: deductible {3}")
    @CsvSource({
            "3, A, 0, 60000", "3, A, 1, 48000", "3, A, 2, 40000", "3, A, 7, 40000", "3, A, 1000000, 40000",
            "3, SPECIAL, 0, 60000",
            "3, B, 0, 40000", "3, C, 0, 40000", "3, NONE, 0, 40000", "3, B, 1, 32000", "3, B, 2, 30000",
            "2, A, 0, 30000", "2, A, 1, 24000", "2, A, 2, 20000", "1, NONE, 0, 30000", "0, NONE, 0, 30000"})
    void deductibleFallsTwentyPercentPerAdmissionDownToTheGroupFloor(int level, Grade grade, long earlier,
                                                                     long deductible) {
        SetlInfo a = Req.employee().at(level, grade).ytd(Accumulator.ADMISSIONS, earlier).line(A, 1_000_000).amounts();
        assertEquals(deductible, a.actPayDedc());
    }

    @Test
    void deductibleNeverExceedsTheInScopeAmount() {
        SetlInfo a = Req.employee().line(A, 20_000).amounts();
        assertEquals(20_000, a.actPayDedc());
        assertEquals(0, a.hifpPay());
        assertEquals(20_000, a.psnCashPay());
    }

    @Test
    void retiredCrDisabledGetsNineTenthsOfTheDeductibleAfterTheFloorAndTwoPointsMore() {
        SetlInfo first = Req.employee().retired().cr(CrDisabled.DISABLED).line(A, 1_000_000).amounts();
        assertEquals(54_000, first.actPayDedc());
        assertEquals(851_400, first.hifpPay()); // 946,000 × (8800 + 200)
        SetlInfo fourth = Req.employee().retired().cr(CrDisabled.DISABLED).ytd(Accumulator.ADMISSIONS, 3)
                .line(A, 1_000_000).amounts();
        assertEquals(36_000, fourth.actPayDedc()); // floor 40,000 × 9/10
    }

    @Test
    void retiredCrDisabledRatioIsCappedAtOneHundredPercent() {
        SetlInfo a = Req.employee().retired().cr(CrDisabled.DISABLED_SENIOR).at(2, Grade.A).line(A, 100_000).amounts();
        assertEquals(27_000, a.actPayDedc());
        assertEquals(73_000, a.hifpPay()); // 9800 + 200 = 10000
    }

    @Test
    void activeCrDisabledIsSettledOnTheOrdinaryRetiredRow() {
        SetlInfo a = Req.employee().cr(CrDisabled.DISABLED).line(A, 1_000_000).amounts();
        assertEquals(60_000, a.actPayDedc()); // no −10%
        assertEquals(827_200, a.hifpPay()); // 940,000 × 8800, no +200
    }

    @Test
    void segmentsAreOnTheAnnualAxisSoALaterStayIsAllInSegmentTwo() {
        SetlInfo a = Req.employee().ytd(Accumulator.ADMISSIONS, 1).ytd(Accumulator.INPATIENT_INSCP, 4_000_000)
                .line(A, 1_000_000).amounts();
        assertEquals(48_000, a.actPayDedc());
        assertEquals(904_400, a.hifpPay()); // 952,000 × 9500
    }

    @Test
    void poolCapReachedInSegmentOneSendsTheRestAndSegmentTwoToLargeAmount() {
        Req r = Req.employee().ytd(Accumulator.POOL_PAID, 20_400_000).ytd(Accumulator.INPATIENT_INSCP, 3_000_000)
                .line(A, 1_000_000);
        SetlInfo a = r.amounts();
        // segment 1: 440,000 at 8500 would pay 374,000 > 100,000 left; consumes ceil(100,000 / 0.85) = 117,648
        // overflow 322,352 + segment 2 500,000 = 822,352 × 9700 = 797,681.44
        assertEquals(100_000, a.hifpPay());
        assertEquals(797_681, a.hifobPay());
        assertEquals(102_319, a.psnCashPay());
        assertEquals(20_500_000, r.build().ytd().get(Accumulator.POOL_PAID) + r.settle().delta()
                .get(Accumulator.POOL_PAID));
    }

    @Test
    void anExhaustedPoolPaysNothingAndLargeAmountTakesItAll() {
        for (long used : new long[] {20_500_000, 21_000_000}) {
            SetlInfo a = Req.employee().ytd(Accumulator.POOL_PAID, used).ytd(Accumulator.ADMISSIONS, 1)
                    .line(A, 100_000).amounts();
            assertEquals(0, a.hifpPay());
            assertEquals(50_440, a.hifobPay()); // 52,000 × 9700
        }
    }

    @Test
    void largeAmountStopsAtItsAnnualCapAndTheRestIsPersonal() {
        Settlement s = Req.employee().ytd(Accumulator.POOL_PAID, 20_500_000).ytd(Accumulator.LARGE_PAID, 9_990_000)
                .ytd(Accumulator.ADMISSIONS, 1).line(A, 100_000).settle();
        assertEquals(10_000, s.amounts().hifobPay());
        assertEquals(90_000, s.amounts().psnCashPay());
        assertEquals(10_000, s.delta().get(Accumulator.LARGE_PAID));
    }

    @ParameterizedTest(name = "{0}: pool {1}")
    @CsvSource({"LOCAL, 799000", "LONG_TERM_RESIDENCE, 799000", "TEMPORARY_CROSS_PROVINCE, 752000",
            "OUT_OF_REGION_TRIP, 752000"})
    void filingLowersTheInpatientRatioByFivePoints(Filing filing, long pool) {
        assertEquals(pool, Req.employee().filing(filing).line(A, 1_000_000).amounts().hifpPay());
    }

    @Test
    void outOfRegionTripOverflowGoesToLargeAmountAtNinetyTwo() {
        SetlInfo a = Req.employee().filing(Filing.OUT_OF_REGION_TRIP).ytd(Accumulator.POOL_PAID, 20_500_000)
                .ytd(Accumulator.ADMISSIONS, 1).line(A, 100_000).amounts();
        assertEquals(47_840, a.hifobPay()); // 52,000 × 9200
    }

    @Test
    void emergencyToInpatientIsOneStayWithOneDeductible() {
        Req r = Req.employee().visit(VisitType.EMERGENCY_TO_INPATIENT).at(2, Grade.A);
        r.lines.add(new cn.onestop.request.BillLine("er", A, 200_000, 1, cn.onestop.request.BillLine.NO_RATIO, false,
                true));
        r.line(A, 100_000);
        Settlement s = r.settle();
        assertEquals(30_000, s.amounts().actPayDedc());
        assertEquals(256_500, s.amounts().hifpPay());
        assertEquals(1, s.delta().get(Accumulator.ADMISSIONS));
    }

    @Test
    void bedCapDependsOnLevelAndIsHigherForMedicalCarePersons() {
        SetlInfo care = Req.employee().medicalCare().line(BED, 12_000, 3).line(A, 100_000).amounts();
        assertEquals(6_000, care.overlmtSelfpay());
        assertEquals(130_000, care.inscpScpAmt());
        SetlInfo levelZero = Req.employee().at(0, Grade.NONE).kind(InstitutionKind.PRIMARY).line(BED, 2_500, 2)
                .amounts();
        assertEquals(1_000, levelZero.overlmtSelfpay());
    }

    @Test
    void civilServantSubsidyPaysNinetyFivePercentOfTheCoPayAboveTheDeductible() {
        SetlInfo a = Req.employee().civilServant().line(A, 1_000_000).line(B, 100_000).amounts();
        assertEquals(875_500, a.hifpPay());
        assertEquals(156_275, a.cvlservPay()); // (10,000 + 154,500) × 9500
    }

    @Test
    void medicalCarePersonsSubsidyIsNinetyEightActiveAndAllOfItRetired() {
        assertEquals(161_210, Req.employee().medicalCare().line(A, 1_000_000).line(B, 100_000).amounts().cvlservPay());
        SetlInfo retired = Req.employee().retired().medicalCare().line(A, 1_000_000).line(B, 100_000).amounts();
        assertEquals(906_400, retired.hifpPay());
        assertEquals(133_600, retired.cvlservPay());
        assertEquals(60_000, retired.psnCashPay()); // the deductible only
    }

    @Test
    void activeCrDisabledCivilServantKeepsTheActiveSubsidyRatio() {
        SetlInfo a = Req.employee().civilServant().cr(CrDisabled.DISABLED).line(A, 1_000_000).amounts();
        assertEquals(827_200, a.hifpPay());
        assertEquals(107_160, a.cvlservPay()); // 112,800 × 9500
    }

    @Test
    void arrearsSuspendPoolLargeAmountAndSubsidyButNotTheAccount() {
        SetlInfo a = Req.employee().arrears().civilServant().balance(50_000).ytd(Accumulator.POOL_PAID, 20_500_000)
                .line(A, 100_000).amounts();
        assertEquals(0, a.actPayDedc());
        assertEquals(0, a.hifpPay() + a.hifobPay() + a.cvlservPay());
        assertEquals(50_000, a.acctPay());
        assertEquals(50_000, a.psnCashPay());
    }

    @Test
    void arrearsMoveNoPoolAccumulator() {
        Settlement s = Req.employee().arrears().line(A, 100_000).settle();
        assertEquals(0, s.delta().get(Accumulator.ADMISSIONS));
        assertEquals(0, s.delta().get(Accumulator.INPATIENT_INSCP));
        assertEquals(0, s.delta().get(Accumulator.POOL_PAID));
    }

    @ParameterizedTest(name = "{0}, {1} days: {2}")
    @CsvSource({"LOCAL, 4, 28000", "LONG_TERM_RESIDENCE, 4, 28000", "TEMPORARY_CROSS_PROVINCE, 4, 40000",
            "OUT_OF_REGION_TRIP, 3, 30000", "LOCAL, 0, 0"})
    void crDisabledInpatientsEarnAMealAllowancePerDayOutsideTheBill(Filing filing, int days, long meal) {
        SetlInfo a = Req.employee().cr(CrDisabled.DISABLED).filing(filing).days(days).line(A, 100_000).amounts();
        assertEquals(meal, a.mealAllowance());
        assertEquals(100_000, a.fundPaySumamt() + a.psnPartAmt());
    }

    @Test
    void noMealAllowanceWithoutCrDisabilityOrOutsideAStay() {
        assertEquals(0, Req.employee().days(5).line(A, 100_000).amounts().mealAllowance());
        assertEquals(0, Req.employee().cr(CrDisabled.DISABLED).visit(VisitType.EMERGENCY_OUTPATIENT).days(2)
                .line(A, 100_000).amounts().mealAllowance());
    }

    @Test
    void aStayMovesAdmissionsInScopeAxisAndPoolPaid() {
        Settlement s = Req.employee().line(A, 1_000_000).line(B, 100_000).settle();
        assertEquals(1, s.delta().get(Accumulator.ADMISSIONS));
        assertEquals(1_090_000, s.delta().get(Accumulator.INPATIENT_INSCP));
        assertEquals(875_500, s.delta().get(Accumulator.POOL_PAID));
    }

    @Test
    void otherFundingChannelPersonsAreNotSettled() {
        Outcome.Refused r = Req.employee().status(PersonStatus.OTHER_CHANNEL).line(A, 100_000).refuse();
        assertEquals(Refusal.OTHER_FUNDING_CHANNEL, r.code());
        assertTrue(r.reason().contains("E §36"), r.reason());
    }
}

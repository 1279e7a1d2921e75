package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyRelation;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.VisitType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.onestop.request.Category.A;
import static cn.onestop.request.Category.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E emergency and general outpatient, pharmacies, the outpatient subsidies; W pooling and mutual aid. */
class EmployeeOutpatientTest {

    private static Req outpatient() {
        return Req.employee().visit(VisitType.GENERAL_OUTPATIENT);
    }

    @Test
    void emergencyOutpatientOverflowAtThePoolCapGoesToLargeAmountAtSeventy() {
        SetlInfo a = Req.employee().visit(VisitType.EMERGENCY_OUTPATIENT).ytd(Accumulator.POOL_PAID, 20_490_000)
                .line(A, 100_000).amounts();
        // 70,000 > 10,000 left: consumes ceil(10,000 / 0.7) = 14,286; overflow 85,714 × 7000 = 59,999.8
        assertEquals(10_000, a.hifpPay());
        assertEquals(60_000, a.hifobPay());
        assertEquals(0, a.actPayDedc());
    }

    @Test
    void emergencyOutpatientPaysNoCivilServantSubsidy() {
        assertEquals(0, Req.employee().civilServant().visit(VisitType.EMERGENCY_OUTPATIENT).line(A, 100_000)
                .amounts().cvlservPay());
    }

    @Test
    void generalOutpatientPoolingHasAnAnnualDeductibleAndRatiosByLevel() {
        SetlInfo level3 = outpatient().line(A, 300_000).amounts();
        assertEquals(100_000, level3.actPayDedc());
        assertEquals(100_000, level3.hifpPay());
        assertEquals(120_000, outpatient().at(2, Grade.A).line(A, 300_000).amounts().hifpPay());
        assertEquals(110_000, outpatient().retired().line(A, 300_000).amounts().hifpPay());
    }

    @Test
    void theOutpatientDeductibleIsMetAcrossVisits() {
        Settlement s = outpatient().ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 70_000).line(A, 100_000).settle();
        assertEquals(30_000, s.amounts().actPayDedc());
        assertEquals(35_000, s.amounts().hifpPay());
        assertEquals(30_000, s.delta().get(Accumulator.OUTPATIENT_DEDUCTIBLE_MET));
        assertEquals(35_000, s.delta().get(Accumulator.OUTPATIENT_POOL_PAID));
        assertEquals(35_000, s.delta().get(Accumulator.POOL_PAID));
    }

    @Test
    void outpatientPoolingStopsAtItsAnnualCapAndNeverOverflowsToLargeAmount() {
        SetlInfo a = outpatient().ytd(Accumulator.OUTPATIENT_POOL_PAID, 390_000)
                .ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000).line(A, 300_000).amounts();
        assertEquals(10_000, a.hifpPay());
        assertEquals(0, a.hifobPay());
    }

    @Test
    void outpatientPoolingCountsInThePoolAnnualCap() {
        SetlInfo a = outpatient().ytd(Accumulator.POOL_PAID, 20_495_000)
                .ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000).line(A, 300_000).amounts();
        assertEquals(5_000, a.hifpPay());
    }

    @Test
    void activeCrDisabledGetsTheRetiredOutpatientRatioAndCapInE() {
        SetlInfo a = outpatient().cr(CrDisabled.DISABLED).ytd(Accumulator.OUTPATIENT_POOL_PAID, 420_000)
                .ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000).line(A, 100_000).amounts();
        assertEquals(55_000, a.hifpPay()); // 5500, within the retired cap's 80,000 left
    }

    @Test
    void civilServantOutpatientSubsidyRidesOnPoolingWithItsOwnCap() {
        SetlInfo a = outpatient().civilServant().line(A, 300_000).line(B, 100_000).amounts();
        assertEquals(145_000, a.hifpPay());
        assertEquals(147_250, a.cvlservPay()); // (10,000 + 145,000) × 9500
        SetlInfo capped = outpatient().civilServant().ytd(Accumulator.SUBSIDY_OUTPATIENT_PAID, 150_000)
                .line(A, 300_000).line(B, 100_000).amounts();
        assertEquals(50_000, capped.cvlservPay());
    }

    @Test
    void anOrdinaryPharmacyHasNoPoolAndNoSubsidyTheAccountPays() {
        SetlInfo a = Req.employee().civilServant().visit(VisitType.PHARMACY).at(0, Grade.NONE)
                .kind(InstitutionKind.PHARMACY).balance(100_000).line(A, 20_000).line(B, 10_000).amounts();
        assertEquals(0, a.hifpPay() + a.cvlservPay() + a.actPayDedc());
        assertEquals(30_000, a.acctPay());
        assertEquals(70_000, a.balc());
    }

    @Test
    void aDualChannelPharmacyIsPooledAsOutpatientAtLevelTwo() {
        SetlInfo a = Req.employee().civilServant().visit(VisitType.PHARMACY).at(0, Grade.NONE)
                .kind(InstitutionKind.PHARMACY).dualChannel().ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000)
                .line(A, 150_000).amounts();
        assertEquals(90_000, a.hifpPay());
        assertEquals(57_000, a.cvlservPay());
    }

    @Test
    void medicalCarePersonsPayAboveTheirAnnualOutpatientThresholdEvenAtAPharmacy() {
        Settlement s = Req.employee().medicalCare().visit(VisitType.PHARMACY).at(0, Grade.NONE)
                .kind(InstitutionKind.PHARMACY).ytd(Accumulator.CARE_OUTPATIENT_BASE, 30_000)
                .line(A, 20_000).line(B, 10_000).settle();
        assertEquals(28_500, s.amounts().cvlservPay());
        assertEquals(30_000, s.delta().get(Accumulator.CARE_OUTPATIENT_BASE));
        assertEquals(28_500, s.delta().get(Accumulator.CARE_OUTPATIENT_PAID));
    }

    @Test
    void medicalCareThresholdIsCrossedWithinAVisit() {
        Req er = Req.employee().medicalCare().visit(VisitType.EMERGENCY_OUTPATIENT).line(A, 100_000);
        assertEquals(0, er.amounts().cvlservPay()); // base 30,000 fills the threshold exactly
        SetlInfo a = Req.employee().medicalCare().visit(VisitType.EMERGENCY_OUTPATIENT)
                .ytd(Accumulator.CARE_OUTPATIENT_BASE, 10_000).line(A, 100_000).amounts();
        assertEquals(9_500, a.cvlservPay());
    }

    @Test
    void medicalCareOutpatientCapIsRaisedForCrDisabledPersons() {
        for (Object[] c : List.of(new Object[] {CrDisabled.NONE, 390_000L}, new Object[] {CrDisabled.DISABLED, 440_000L},
                new Object[] {CrDisabled.DISABLED_SENIOR, 540_000L})) {
            SetlInfo a = outpatient().medicalCare().cr((CrDisabled) c[0]).ytd(Accumulator.CARE_OUTPATIENT_BASE, 30_000)
                    .ytd(Accumulator.CARE_OUTPATIENT_PAID, (Long) c[1]).ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000)
                    .line(A, 100_000).amounts();
            assertEquals(10_000, a.cvlservPay(), c[0].toString());
        }
    }

    @Test
    void familyPayerOutsideWuhaiIsIgnoredWithAWarning() {
        Settlement s = outpatient().family(FamilyRelation.SPOUSE, 500_000).line(A, 200_000).settle();
        assertEquals(0, s.amounts().acctMulaidPay());
        assertTrue(s.warnings().contains(Warning.FAMILY_PAYER_NOT_APPLICABLE));
    }

    // ---- Wuhai (W) ----

    @Test
    void wuhaiPaysOnlyAtInstitutionsDesignatedForOutpatientPooling() {
        SetlInfo a = Req.wuhai().on("2024-05-01").notPooling().balance(300_000).line(A, 200_000).amounts();
        assertEquals(0, a.hifpPay());
        assertEquals(0, a.actPayDedc());
        assertEquals(200_000, a.acctPay());
    }

    @Test
    void wuhaiDualChannelPharmacyCountsAsLevelTwo() {
        SetlInfo a = Req.wuhai().on("2024-05-01").visit(VisitType.PHARMACY).at(0, Grade.NONE)
                .kind(InstitutionKind.PHARMACY).dualChannel().notPooling().line(A, 200_000).amounts();
        assertEquals(100_000, a.actPayDedc());
        assertEquals(60_000, a.hifpPay());
    }

    @Test
    void wuhaiIgnoresCrDisabilityAndCivilServantStatus() {
        SetlInfo a = Req.wuhai().on("2024-05-01").cr(CrDisabled.DISABLED).civilServant().medicalCare()
                .line(A, 200_000).amounts();
        assertEquals(50_000, a.hifpPay());
        assertEquals(0, a.cvlservPay());
    }

    @Test
    void wuhaiFamilyMutualAidPaysTheBurdenLeftAfterTheOwnAccount() {
        Settlement s = Req.wuhai().on("2024-05-01").balance(10_000).family(FamilyRelation.SPOUSE, 500_000)
                .line(A, 200_000).settle();
        SetlInfo a = s.amounts();
        assertEquals(50_000, a.hifpPay());
        assertEquals(150_000, a.acctPay());
        assertEquals(140_000, a.acctMulaidPay());
        assertEquals(0, a.balc());
        assertEquals(0, a.psnCashPay());
        assertEquals(140_000, s.familyDebit());
        assertEquals(10_000, s.ownAccountDebit());
    }

    @Test
    void wuhaiFamilyMutualAidIsLimitedByTheFamilyBalanceAndNeedsUseAccount() {
        SetlInfo a = Req.wuhai().on("2024-05-01").family(FamilyRelation.PARENT, 50_000).line(A, 200_000).amounts();
        assertEquals(50_000, a.acctMulaidPay());
        assertEquals(100_000, a.psnCashPay());
        SetlInfo none = Req.wuhai().on("2024-05-01").noAccount().balance(10_000).family(FamilyRelation.CHILD, 50_000)
                .line(A, 200_000).amounts();
        assertEquals(0, none.acctPay());
        assertEquals(10_000, none.balc());
    }

    @Test
    void wuhaiHasNoInpatientOrEmergencySection() {
        assertEquals(Refusal.RULE_SECTION_MISSING, Req.wuhai().on("2024-05-01").visit(VisitType.INPATIENT)
                .line(A, 1).refuse().code());
        assertEquals(Refusal.RULE_SECTION_MISSING, Req.wuhai().on("2024-05-01").visit(VisitType.EMERGENCY_OUTPATIENT)
                .line(A, 1).refuse().code());
    }

    @Test
    void wuhaiArrearsSuspendPooling() {
        SetlInfo a = Req.wuhai().on("2024-05-01").arrears().line(A, 200_000).amounts();
        assertEquals(0, a.hifpPay());
        assertEquals(0, a.actPayDedc());
    }

    @Test
    void wuhaiBeforeItsStartHasNoRuleVersion() {
        assertEquals(Refusal.NO_RULE_VERSION, Req.wuhai().on("2022-09-30").line(A, 1).refuse().code());
    }
}

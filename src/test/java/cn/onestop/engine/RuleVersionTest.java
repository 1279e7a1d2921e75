package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Filing;
import cn.onestop.request.VisitType;
import cn.onestop.rules.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static cn.onestop.request.Category.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settlement date picks the version: O (2008) numbers, the gap to 2023, E from 2023. */
class RuleVersionTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"2008-06-30, ", "2008-07-01, NM-REGION-EMPLOYEE@2008-07-01", "2014-12-31, NM-REGION-EMPLOYEE@2008-07-01",
            "2015-01-01, ", "2022-12-31, ", "2023-01-01, NM-REGION-EMPLOYEE@2023-01-01",
            "2026-11-22, NM-REGION-EMPLOYEE@2023-01-01"})
    void theSettlementDatePicksTheVersionInForce(String date, String version) {
        Outcome o = Req.employee().on(date).line(A, 100_000).outcome();
        if (version == null) {
            assertEquals(Refusal.NO_RULE_VERSION, ((Outcome.Refused) o).code());
        } else {
            assertEquals(version, ((Outcome.Settled) o).settlement().ruleVersion());
        }
    }

    @Test
    void the2008PoolCapIsThirtyFiveThousandAndLargeAmountPaysNinetyFive() {
        SetlInfo a = Req.employee().on("2010-06-01").ytd(Accumulator.POOL_PAID, 3_400_000).line(A, 1_000_000).amounts();
        assertEquals(100_000, a.hifpPay());
        assertEquals(781_234, a.hifobPay()); // 822,352 × 9500
    }

    @Test
    void the2008LargeAmountPaysEightyFiveOnAnyOffSiteFiling() {
        SetlInfo a = Req.employee().on("2010-06-01").filing(Filing.TEMPORARY_CROSS_PROVINCE)
                .ytd(Accumulator.POOL_PAID, 3_400_000).line(A, 1_000_000).amounts();
        assertEquals(100_000, a.hifpPay());
        assertEquals(692_750, a.hifobPay()); // consumed 125,000 at 8000; 815,000 × 8500
    }

    @Test
    void the2008SubsidyHasAnAnnualCap() {
        Settlement s = Req.employee().on("2010-06-01").civilServant().ytd(Accumulator.SUBSIDY_PAID, 6_490_000)
                .line(A, 1_000_000).settle();
        assertEquals(10_000, s.amounts().cvlservPay());
        assertEquals(10_000, s.delta().get(Accumulator.SUBSIDY_PAID));
    }

    @Test
    void the2008CareOutpatientThresholdIsFourHundred() {
        SetlInfo a = Req.employee().on("2010-06-01").medicalCare().visit(VisitType.GENERAL_OUTPATIENT)
                .ytd(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, 100_000).line(A, 100_000).amounts();
        assertEquals(50_000, a.hifpPay());
        assertEquals(9_500, a.cvlservPay());
    }

    @Test
    void a2008SettlementListsTheAssumedParametersItUsed() {
        Settlement s = Req.employee().on("2010-06-01").line(A, 1_000_000).settle();
        var names = s.assumedParams().stream().map(Param::name).toList();
        assertTrue(names.contains("employee_inpatient.ratio_active_g1_seg1_bp"), names.toString());
        assertTrue(names.contains("employee_inpatient.deductible_first_g1"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.equals("pool.annual_cap")), "O publishes the pool cap");
    }
}

package cn.onestop.engine;

import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.onestop.request.Category.A;
import static cn.onestop.request.Category.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every amount says which clause, base, ratio and cap produced it, and which parameters were assumed. */
class ExplanationTest {

    private static Step only(Settlement s, String field) {
        List<Step> steps = s.steps().stream().filter(st -> st.field().equals(field)).toList();
        assertEquals(1, steps.size(), () -> field + ": " + steps);
        return steps.get(0);
    }

    @Test
    void poolPaymentNamesItsClauseBaseRatioAndCap() {
        Settlement s = Req.employee().line(A, 1_250_000).line(B, 480_000).settle();
        Step pool = only(s, "hifp_pay");
        assertEquals(1_622_000, pool.base()); // 1,250,000 + 432,000 − 60,000
        assertEquals(8500, pool.ratioBp());
        assertEquals(20_500_000, pool.cap());
        assertEquals(1_378_700, pool.amount());
        assertTrue(pool.clauses().contains("E §22"), pool.clauses());
        assertTrue(pool.clauses().contains("E §19"), pool.clauses());
        Step ded = only(s, "act_pay_dedc");
        assertEquals(60_000, ded.amount());
        assertTrue(ded.clauses().startsWith("E §20"), ded.clauses());
        Step pre = only(s, "preselfpay_amt");
        assertEquals(480_000, pre.base());
        assertEquals(1000, pre.ratioBp());
        assertEquals("E §24", pre.clauses());
    }

    @Test
    void theStepsOfAFundAddUpToItsAmount() {
        Settlement s = Req.employee().ytd(cn.onestop.request.Accumulator.INPATIENT_INSCP, 3_000_000)
                .line(A, 1_000_000).settle();
        long pool = s.steps().stream().filter(st -> st.field().equals("hifp_pay")).mapToLong(Step::amount).sum();
        assertEquals(s.amounts().hifpPay(), pool);
        assertEquals(2, s.steps().stream().filter(st -> st.field().equals("hifp_pay")).count());
    }

    @Test
    void assumedParametersAreListedWithTheirBasis() {
        Settlement resident = Req.resident().line(A, 1_000_000).settle();
        List<String> names = resident.assumedParams().stream().map(Param::name).toList();
        assertTrue(names.contains("resident_inpatient.ratio_level3_bp"), names.toString());
        assertTrue(names.contains("critical_illness.threshold"), names.toString());
        assertTrue(names.contains("medical_assistance.rural_income"), names.toString());
        assertTrue(resident.assumedParams().stream().allMatch(p -> p.basis() == Basis.ASSUMED));
        List<String> employee = Req.employee().line(A, 1_000_000).settle().assumedParams().stream()
                .map(Param::name).toList();
        assertEquals(List.of("medical_assistance.rural_income"), employee);
    }

    @Test
    void interpretedParametersKeepTheirBasis() {
        Settlement s = Req.employee().line(A, 1_000_000).settle();
        Param cap = only(s, "hifp_pay").params().stream().filter(p -> p.name().equals("pool.annual_cap"))
                .findFirst().orElseThrow();
        assertEquals(Basis.INTERP, cap.basis());
        assertEquals("E §19", cap.source());
    }
}

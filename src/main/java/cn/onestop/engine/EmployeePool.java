package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.rules.EmployeeInpatientRules;
import cn.onestop.rules.LargeAmountRules;
import cn.onestop.rules.Param;

import java.util.List;

/**
 * The employee basic pool and large-amount layers (E ch.2, ch.3): inpatient stays with deductible
 * and segmented ratios on the annual axis, emergency outpatient at a flat ratio, and the
 * large-amount fund on what the pool's annual cap leaves over.
 */
final class EmployeePool {
    private EmployeePool() {
    }

    /** Grade group (POLICY §4): 0 = G1 三甲/三级特等, 1 = G2 other level 3, 2 = G3 level 2 and below. */
    static int group(Institution inst) {
        if (inst.level() < 3) {
            return 2;
        }
        return inst.grade() == Grade.A || inst.grade() == Grade.SPECIAL ? 0 : 1;
    }

    static void inpatient(Split s) {
        EmployeeInpatientRules r = s.rules.employeeInpatient();
        if (s.suspended) {
            suspended(s);
            return;
        }
        s.poolRan = true;
        int g = group(s.inst);

        // deductible (E §20, §36)
        long n = s.ytd(Accumulator.ADMISSIONS) + 1;
        Param first = r.deductibleFirst().get(g);
        Param floor = r.deductibleFloor().get(g);
        long reductions = Math.min(n - 1, Money.FULL);
        long share = Money.FULL - r.deductibleStep().value() * reductions;
        long std = Math.max(share <= 0 ? 0 : Money.pay(first.value(), (int) share), floor.value());
        List<Param> dedParams;
        if (s.crRetired) {
            std = Money.pay(std, s.rules.crDisabled().retiredDeductible().bp());
            dedParams = List.of(first, floor, r.deductibleStep(), s.rules.crDisabled().retiredDeductible());
        } else {
            dedParams = List.of(first, floor, r.deductibleStep());
        }
        s.deductible = Math.min(std, s.inscp);
        s.eligible = s.inscp - s.deductible;
        s.step("act_pay_dedc",
                "first-admission standard of the grade group, less a step per earlier admission, not below the floor",
                s.inscp, (int) Math.max(share, 0), Step.NONE, s.deductible, dedParams);

        // segments on the annual axis of in-scope inpatient expense (E §22, [interp])
        long start = saturatingAdd(s.ytd(Accumulator.INPATIENT_INSCP), s.deductible);
        long boundary = r.segmentBoundary().value();
        long x1 = Math.min(s.eligible, Math.max(0, boundary - start));
        long x2 = s.eligible - x1;
        boolean retired = s.retiredRow;
        Param r1 = (retired ? r.ratioRetiredSeg1() : r.ratioActiveSeg1()).get(g);
        Param r2 = (retired ? r.ratioRetiredSeg2() : r.ratioActiveSeg2()).get(g);
        Param filing = r.filingAdjustment(s.visit.filing());
        Param crBonus = s.crRetired ? s.rules.crDisabled().retiredRatioBonus() : null;
        int adj = filing.bp() + (crBonus == null ? 0 : crBonus.bp());
        int bp1 = clampRatio(r1.bp() + adj);
        int bp2 = clampRatio(r2.bp() + adj);

        Param cap = s.rules.pool().annualCap();
        long remaining = s.remaining(cap, Accumulator.POOL_PAID);
        CappedFund pool = new CappedFund(remaining);
        if (x1 > 0) {
            long p = pool.portion(x1, bp1);
            s.step("hifp_pay", "segment 1 of the annual in-scope axis", x1, bp1, remaining, p,
                    ratioParams(r1, filing, crBonus, r.segmentBoundary(), cap));
        }
        if (x2 > 0) {
            long p = pool.portion(x2, bp2);
            s.step("hifp_pay", "segment 2 of the annual in-scope axis", x2, bp2, remaining, p,
                    ratioParams(r2, filing, crBonus, r.segmentBoundary(), cap));
        }
        s.hifp = pool.paid();
        s.add(Accumulator.ADMISSIONS, 1);
        s.add(Accumulator.INPATIENT_INSCP, s.inscp);
        s.add(Accumulator.POOL_PAID, s.hifp);
        largeAmount(s, pool, s.rules.largeAmount().ratio(s.visit.filing()));
    }

    static void emergencyOutpatient(Split s) {
        if (s.suspended) {
            suspended(s);
            return;
        }
        s.poolRan = true;
        s.eligible = s.inscp;
        Param ratio = s.rules.emergencyOutpatient().poolRatio();
        Param cap = s.rules.pool().annualCap();
        long remaining = s.remaining(cap, Accumulator.POOL_PAID);
        CappedFund pool = new CappedFund(remaining);
        long p = pool.portion(s.inscp, ratio.bp());
        s.step("hifp_pay", "emergency outpatient within 3 days: flat ratio, no deductible", s.inscp, ratio.bp(),
                remaining, p, List.of(ratio, cap));
        s.hifp = p;
        s.add(Accumulator.POOL_PAID, p);
        largeAmount(s, pool, s.rules.largeAmount().emergencyOutpatientRatio());
    }

    /** The large-amount layer on the pool's overflow, one rounding (E §40, §46). */
    private static void largeAmount(Split s, CappedFund pool, Param ratio) {
        if (!pool.capReached()) {
            return;
        }
        LargeAmountRules l = s.rules.largeAmount();
        long overflow = pool.overflow();
        long remaining = s.remaining(l.annualCap(), Accumulator.LARGE_PAID);
        long p = Math.min(Money.pay(overflow, ratio.bp()), remaining);
        s.hifob = p;
        s.step("hifob_pay", "pool annual cap reached: large-amount pays on the overflow", overflow, ratio.bp(),
                remaining, p, List.of(ratio, l.annualCap()));
        s.add(Accumulator.LARGE_PAID, p);
    }

    private static void suspended(Split s) {
        s.eligible = s.inscp;
        s.step("hifp_pay", "arrears: pool, large-amount and subsidy suspended, no deductible", s.inscp, Step.NONE,
                Step.NONE, 0, List.of(s.rules.arrears().suspendsInsurance()));
    }

    private static List<Param> ratioParams(Param ratio, Param filing, Param crBonus, Param boundary, Param cap) {
        boolean adjusted = filing.value() != 0;
        if (crBonus == null) {
            return adjusted ? List.of(ratio, filing, boundary, cap) : List.of(ratio, boundary, cap);
        }
        return adjusted ? List.of(ratio, filing, crBonus, boundary, cap) : List.of(ratio, crBonus, boundary, cap);
    }

    static int clampRatio(long bp) {
        return (int) Math.max(0, Math.min(Money.FULL, bp));
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}

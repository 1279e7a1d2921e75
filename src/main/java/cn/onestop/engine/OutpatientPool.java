package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.rules.OutpatientPoolingRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.PharmacyRules;

import java.util.ArrayList;
import java.util.List;

/**
 * General outpatient pooling (普通门诊统筹, W §9–§16; E by reference) and pharmacy sales (dual-channel
 * pharmacies pooled as outpatient at level ≤2, W §11). Never overflows into a large-amount layer.
 */
final class OutpatientPool {
    private OutpatientPool() {
    }

    static void generalOutpatient(Split s) {
        OutpatientPoolingRules r = s.rules.outpatientPooling();
        if (r.requiresDesignation().value() != 0 && !s.inst.outpatientPooling()) {
            noPool(s, "institution not designated for outpatient pooling", List.of(r.requiresDesignation()));
            return;
        }
        pool(s, false);
    }

    static void pharmacy(Split s) {
        PharmacyRules p = s.rules.pharmacy();
        if (s.inst.dualChannel() && p.dualChannelPooling().value() != 0) {
            pool(s, true);
        } else {
            noPool(s, "ordinary pharmacy: no pooling, the account pays the in-policy burden",
                    List.of(p.dualChannelPooling()));
        }
    }

    private static void pool(Split s, boolean dualChannelPharmacy) {
        OutpatientPoolingRules r = s.rules.outpatientPooling();
        if (s.suspended) {
            noPool(s, "arrears: outpatient pooling and subsidy suspended, no deductible",
                    List.of(s.rules.arrears().suspendsInsurance()));
            return;
        }
        s.poolRan = true;
        long dedLeft = s.remaining(r.deductible(), Accumulator.OUTPATIENT_DEDUCTIBLE_MET);
        s.deductible = Math.min(dedLeft, s.inscp);
        s.eligible = s.inscp - s.deductible;
        s.step("act_pay_dedc", "annual outpatient deductible not yet met (cap column)", s.inscp, Step.NONE,
                dedLeft, s.deductible, List.of(r.deductible()));

        Param base = dualChannelPharmacy || s.inst.level() <= 2 ? r.ratioLevel2AndBelow() : r.ratioLevel3();
        List<Param> ps = new ArrayList<>(List.of(base));
        long bp = base.bp();
        if (s.retiredRow) {
            bp += r.retiredBonus().bp();
            ps.add(r.retiredBonus());
        }
        int ratio = EmployeePool.clampRatio(bp);
        Param cap = s.retiredRow ? r.annualCapRetired() : r.annualCapActive();
        ps.add(cap);
        long remaining = s.remaining(cap, Accumulator.OUTPATIENT_POOL_PAID);
        if (s.rules.pool() != null) {
            remaining = Math.min(remaining, s.remaining(s.rules.pool().annualCap(), Accumulator.POOL_PAID));
            ps.add(s.rules.pool().annualCap());
        }
        long p = Math.min(Money.pay(s.eligible, ratio), remaining);
        s.hifp = p;
        s.step("hifp_pay", dualChannelPharmacy ? "dual-channel pharmacy pooled as outpatient at level ≤2"
                : "general outpatient pooling, ratio of the level", s.eligible, ratio, remaining, p, ps);
        s.add(Accumulator.OUTPATIENT_DEDUCTIBLE_MET, s.deductible);
        s.add(Accumulator.OUTPATIENT_POOL_PAID, p);
        s.add(Accumulator.POOL_PAID, p);
    }

    static void noPool(Split s, String why, List<Param> params) {
        s.eligible = s.inscp;
        s.step("hifp_pay", why, s.inscp, Step.NONE, Step.NONE, 0, params);
    }
}

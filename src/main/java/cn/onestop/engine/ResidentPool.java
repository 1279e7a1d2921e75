package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.InstitutionKind;
import cn.onestop.rules.InjuryRules;
import cn.onestop.rules.ObservationRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.ResidentInpatientRules;

import java.util.List;

/**
 * The resident basic pool (R §18, §20, §25): inpatient stays with a TCM uplift, outpatient
 * observation at primary institutions, student injury outpatient; all share one annual cap.
 */
final class ResidentPool {
    private ResidentPool() {
    }

    static void inpatient(Split s) {
        ResidentInpatientRules r = s.rules.residentInpatient();
        s.poolRan = true;
        int level = Math.max(s.inst.level(), 1); // level 0 counts as level 1
        Param ded = r.deductibleByLevel().get(level - 1);
        long std = ded.value();
        boolean repeat = s.ytd(Accumulator.ADMISSIONS) >= 1;
        if (repeat) {
            std = Money.pay(std, r.repeatAdmission().bp());
        }
        s.deductible = Math.min(std, s.inscp);
        s.eligible = s.inscp - s.deductible;
        s.step("act_pay_dedc", repeat ? "deductible of the level, halved from the second admission" : "deductible of the level",
                s.inscp, repeat ? r.repeatAdmission().bp() : Step.NONE, Step.NONE, s.deductible,
                repeat ? List.of(ded, r.repeatAdmission()) : List.of(ded));

        Param ratio = r.ratioByLevel().get(level - 1);
        Param cap = s.rules.pool().annualCap();
        long remaining = s.remaining(cap, Accumulator.POOL_PAID);
        CappedFund pool = new CappedFund(remaining);
        if (s.inst.tcm() && s.tcmInscp > 0) {
            // the deductible is taken from non-TCM-drug lines first [interp]
            long nonTcm = s.inscp - s.tcmInscp;
            long dedNonTcm = Math.min(s.deductible, nonTcm);
            long x1 = nonTcm - dedNonTcm;
            long x2 = s.tcmInscp - (s.deductible - dedNonTcm);
            int tcmBp = Math.max(ratio.bp(), Math.min(ratio.bp() + r.tcmUplift().bp(), r.tcmMax().bp()));
            long p1 = pool.portion(x1, ratio.bp());
            s.step("hifp_pay", "non-TCM-drug lines", x1, ratio.bp(), remaining, p1,
                    List.of(ratio, cap));
            long p2 = pool.portion(x2, tcmBp);
            s.step("hifp_pay", "TCM / Mongolian-medicine drug lines at a TCM institution", x2, tcmBp, remaining, p2,
                    List.of(ratio, r.tcmUplift(), r.tcmMax(), cap));
        } else {
            long p = pool.portion(s.eligible, ratio.bp());
            s.step("hifp_pay", "inpatient, ratio of the level", s.eligible, ratio.bp(), remaining, p, List.of(ratio, cap));
        }
        s.hifp = pool.paid();
        s.add(Accumulator.ADMISSIONS, 1);
        s.add(Accumulator.INPATIENT_INSCP, s.inscp);
        s.add(Accumulator.POOL_PAID, s.hifp);
    }

    static void observation(Split s) {
        ObservationRules r = s.rules.observation();
        if (r.primaryOnly().value() != 0 && s.inst.kind() != InstitutionKind.PRIMARY) {
            OutpatientPool.noPool(s, "observation is paid only at primary institutions", List.of(r.primaryOnly()));
            return;
        }
        if (s.ytd(Accumulator.OBSERVATION_VISITS) >= r.paidVisitsPerYear().value()) {
            OutpatientPool.noPool(s, "the year's paid observation visits are used", List.of(r.paidVisitsPerYear()));
            return;
        }
        s.poolRan = true;
        s.eligible = s.inscp;
        long remaining = Math.min(r.perVisitCap().value(),
                Math.min(s.remaining(r.annualCap(), Accumulator.OBSERVATION_PAID),
                        s.remaining(s.rules.pool().annualCap(), Accumulator.POOL_PAID)));
        long p = Math.min(Money.pay(s.inscp, r.ratio().bp()), remaining);
        s.hifp = p;
        s.step("hifp_pay", "outpatient observation, no deductible, per-visit and annual caps", s.inscp, r.ratio().bp(),
                remaining, p, List.of(r.ratio(), r.perVisitCap(), r.annualCap(), s.rules.pool().annualCap()));
        if (p > 0) {
            s.add(Accumulator.OBSERVATION_VISITS, 1);
        }
        s.add(Accumulator.OBSERVATION_PAID, p);
        s.add(Accumulator.POOL_PAID, p);
    }

    static void injury(Split s) {
        InjuryRules r = s.rules.injury();
        if (!s.person.student()) {
            OutpatientPool.noPool(s, "injury outpatient is paid for students and children only", List.of(r.ratio()));
            return;
        }
        s.poolRan = true;
        s.eligible = s.inscp;
        long remaining = Math.min(s.remaining(r.annualCap(), Accumulator.INJURY_OUTPATIENT_PAID),
                s.remaining(s.rules.pool().annualCap(), Accumulator.POOL_PAID));
        long p = Math.min(Money.pay(s.inscp, r.ratio().bp()), remaining);
        s.hifp = p;
        s.step("hifp_pay", "student accidental injury outpatient", s.inscp, r.ratio().bp(), remaining, p,
                List.of(r.ratio(), r.annualCap(), s.rules.pool().annualCap()));
        s.add(Accumulator.INJURY_OUTPATIENT_PAID, p);
        s.add(Accumulator.POOL_PAID, p);
    }
}

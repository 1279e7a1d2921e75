package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.VisitType;
import cn.onestop.rules.CareOutpatientRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.SubsidyRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The civil-servant medical subsidy (公务员医疗补助, E ch.6), which also pays medical-care persons
 * (E §79): inpatient co-pay above the deductible, outpatient-pooling co-pay, and the care persons'
 * outpatient rule. Rides on the pool: suspended with it under arrears (E §35, §80).
 */
final class CivilServantSubsidy {
    private CivilServantSubsidy() {
    }

    static void apply(Split s) {
        SubsidyRules r = s.rules.subsidy();
        boolean care = s.person.medicalCare();
        if (r == null || !s.person.civilServant() && !care) {
            return;
        }
        if (s.suspended) {
            s.step("cvlserv_pay", "arrears: the subsidy rides on the suspended pool", 0, Step.NONE, Step.NONE, 0,
                    List.of(s.rules.arrears().suspendsInsurance()));
            return;
        }
        boolean retired = s.person.status() == PersonStatus.RETIRED; // the subsidy keeps the real status (E §36)
        switch (s.visit.type()) {
            case INPATIENT, EMERGENCY_TO_INPATIENT -> inpatient(s, r, care, retired);
            case GENERAL_OUTPATIENT, EMERGENCY_OUTPATIENT, PHARMACY -> {
                if (care) {
                    careOutpatient(s, r, s.rules.careOutpatient());
                } else if (s.poolRan && s.visit.type() != VisitType.EMERGENCY_OUTPATIENT) {
                    outpatientPooling(s, r, retired);
                }
            }
            default -> {
            }
        }
    }

    /** 自付 above the deductible, 乙类 先行自付 included (E §80.1(1), §80.2 for care persons). */
    private static void inpatient(Split s, SubsidyRules r, boolean care, boolean retired) {
        long base = s.preselfpay + s.eligible - s.hifp - s.hifob;
        Param ratio = care ? (retired ? r.careRatioRetired() : r.careRatioActive())
                : (retired ? r.ratioRetired() : r.ratioActive());
        List<Param> ps = new ArrayList<>(List.of(ratio));
        long remaining = annualRemaining(s, r, ps);
        pay(s, care ? "medical-care person, inpatient co-pay above the deductible"
                : "civil servant, inpatient co-pay above the deductible", base, ratio.bp(), remaining, ps);
    }

    /** Outpatient-pooling co-pay above the deductible, annual cap (E §80.1(3)). */
    private static void outpatientPooling(Split s, SubsidyRules r, boolean retired) {
        long base = s.preselfpay + s.eligible - s.hifp;
        Param ratio = retired ? r.ratioRetired() : r.ratioActive();
        List<Param> ps = new ArrayList<>(List.of(ratio, r.outpatientAnnualCap()));
        long remaining = Math.min(s.remaining(r.outpatientAnnualCap(), Accumulator.SUBSIDY_OUTPATIENT_PAID),
                annualRemaining(s, r, ps));
        long p = pay(s, "civil servant, outpatient-pooling co-pay above the deductible", base, ratio.bp(), remaining,
                ps);
        s.add(Accumulator.SUBSIDY_OUTPATIENT_PAID, p);
    }

    /**
     * Medical-care persons' outpatient expense (E §80.1(2)): the in-policy burden after the pool,
     * above an annual threshold on its cumulative sum, to an annual cap raised for cr-disabled persons.
     */
    private static void careOutpatient(Split s, SubsidyRules r, CareOutpatientRules c) {
        long base = s.preselfpay + s.inscp - s.hifp - s.hifob;
        long before = s.ytd(Accumulator.CARE_OUTPATIENT_BASE);
        long after = EmployeePool.saturatingAdd(before, base);
        long above = Math.max(0, after - Math.max(before, c.threshold().value()));
        List<Param> ps = new ArrayList<>(List.of(c.ratio(), c.threshold(), c.annualCap()));
        long cap = c.annualCap().value();
        switch (s.person.crDisabled()) {
            case DISABLED -> {
                cap += c.disabledExtra().value();
                ps.add(c.disabledExtra());
            }
            case DISABLED_SENIOR -> {
                cap += c.disabledSeniorExtra().value();
                ps.add(c.disabledSeniorExtra());
            }
            default -> {
            }
        }
        long remaining = Math.min(Math.max(0, cap - s.ytd(Accumulator.CARE_OUTPATIENT_PAID)),
                annualRemaining(s, r, ps));
        long p = pay(s, "medical-care person, outpatient burden above the annual threshold", above, c.ratio().bp(),
                remaining, ps);
        s.add(Accumulator.CARE_OUTPATIENT_BASE, base);
        s.add(Accumulator.CARE_OUTPATIENT_PAID, p);
    }

    private static long annualRemaining(Split s, SubsidyRules r, List<Param> ps) {
        if (r.annualCap() == null) {
            return Long.MAX_VALUE;
        }
        ps.add(r.annualCap());
        return s.remaining(r.annualCap(), Accumulator.SUBSIDY_PAID);
    }

    private static long pay(Split s, String rule, long base, int ratio, long remaining, List<Param> ps) {
        long p = Math.min(Money.pay(base, ratio), remaining);
        s.cvlserv = p;
        s.step("cvlserv_pay", rule, base, ratio, remaining == Long.MAX_VALUE ? Step.NONE : remaining, p, ps);
        s.add(Accumulator.SUBSIDY_PAID, p);
        return p;
    }
}

package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.rules.AssistanceRules;
import cn.onestop.rules.Param;

import java.util.EnumSet;
import java.util.List;

/**
 * Medical assistance (医疗救助, A) on the in-policy burden left by every insurance layer, for a
 * person holding a category on the settlement date (A §15); with several, each is computed and
 * the highest payment wins, never two (A §17). Also the monitoring flags (A §8) and the
 * out-of-catalog check (A §29).
 */
final class MedicalAssistance {
    private static final String CANDIDATE = "one category: its annual deductible left, then its ratio";

    private MedicalAssistance() {
    }

    static void apply(Split s) {
        if (s.person.assistance().isEmpty()) {
            return;
        }
        EnumSet<AssistanceCategory> held = EnumSet.noneOf(AssistanceCategory.class);
        for (AssistanceIdentity a : s.person.assistance()) {
            if (a.validOn(s.date)) {
                held.add(a.category());
            }
        }
        if (held.isEmpty()) {
            return;
        }
        if (s.assistanceTable == null) {
            s.warn(Warning.ASSISTANCE_RULES_NOT_IN_FORCE);
            return;
        }
        AssistanceRules r = s.assistanceTable.sections().assistance();
        long base = s.inPolicyBurden();
        long met = s.ytd(Accumulator.ASSISTANCE_DEDUCTIBLE_MET);
        long remaining = s.remaining(r.annualCap(), Accumulator.ASSISTANCE_PAID);
        long bestPay = -1;
        long bestDeductible = -1;
        AssistanceCategory best = null;
        for (AssistanceCategory c : held) {
            long dedLeft = Math.max(0, r.deductible(c).value() - met);
            long takesDeductible = Math.min(dedLeft, base);
            long p = Math.min(Money.pay(base - takesDeductible, r.ratio(c).bp()), remaining);
            s.step("maf_pay", CANDIDATE, base, r.ratio(c).bp(),
                    remaining, p, List.of(r.deductible(c), r.ratio(c), r.annualCap()));
            if (p > bestPay || p == bestPay && takesDeductible > bestDeductible) {
                bestPay = p;
                bestDeductible = takesDeductible;
                best = c;
            }
        }
        s.maf = bestPay;
        if (held.size() > 1) {
            s.step("maf_pay", "the highest category's payment wins, never two", base, Step.NONE, remaining, bestPay, List.of());
        }
        s.add(Accumulator.ASSISTANCE_PAID, bestPay);
        s.add(Accumulator.ASSISTANCE_DEDUCTIBLE_MET, bestDeductible);

        Param line = s.inst.level() == 3 ? r.outOfCatalogLevel3() : r.outOfCatalogLevel2AndBelow();
        if (Money.shareAbove(s.fulamt, s.medfee, line.bp())) {
            s.warn(Warning.OUT_OF_CATALOG_RATIO);
            s.step("fulamt_ownpay_amt", "assistance person: out-of-catalog share above the line", s.fulamt, line.bp(),
                    Step.NONE, s.fulamt, List.of(line));
        }
    }

    /**
     * The year's personal burden after insurance and before assistance (A §8), on every
     * settlement; flags when it passes the income lines of the assistance rules in force.
     */
    static void monitor(Split s) {
        long burden = s.medfee - s.hifp - s.hifob - s.hifmi - s.cvlserv;
        s.add(Accumulator.PERSONAL_BURDEN, burden);
        if (s.assistanceTable == null) {
            return;
        }
        AssistanceRules r = s.assistanceTable.sections().assistance();
        long year = EmployeePool.saturatingAdd(s.ytd(Accumulator.PERSONAL_BURDEN), burden);
        long income = r.ruralIncome().value();
        if (year > income) {
            s.flag(Flag.ILLNESS_POVERTY_WATCH);
            s.step("flags", "ILLNESS_POVERTY_WATCH: year's burden above the rural income line", year, Step.NONE,
                    income, 0, List.of(r.ruralIncome()));
        } else if (year > Money.pay(income, r.relapseShare().bp())) {
            s.flag(Flag.RELAPSE_WATCH);
            s.step("flags", "RELAPSE_WATCH: year's burden above a share of the rural income line", year,
                    r.relapseShare().bp(), income, 0, List.of(r.ruralIncome(), r.relapseShare()));
        } else {
            s.step("flags", "year's burden below the monitoring lines", year, r.relapseShare().bp(), income, 0,
                    List.of(r.ruralIncome(), r.relapseShare()));
        }
    }
}

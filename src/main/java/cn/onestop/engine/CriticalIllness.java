package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.rules.Band;
import cn.onestop.rules.CriticalIllnessRules;

import java.util.List;

/**
 * Resident critical-illness insurance (大病保险, R §21): on the cumulative in-policy burden left
 * after the pool, above an annual threshold, banded ratios by position on the same axis; relief
 * for assistance categories (threshold share, ratio bonus, no cap).
 */
final class CriticalIllness {
    private CriticalIllness() {
    }

    static void apply(Split s) {
        CriticalIllnessRules r = s.rules.criticalIllness();
        if (r == null) {
            return;
        }
        long base = s.preselfpay + s.inscp - s.hifp;
        boolean relief = s.person.holdsAnyOn(s.date, r.reliefCategories());
        long threshold = relief ? Money.pay(r.threshold().value(), r.reliefThreshold().bp()) : r.threshold().value();
        int bonus = relief ? r.reliefBonus().bp() : 0;
        long from = s.ytd(Accumulator.CRITICAL_BASE);
        long to = EmployeePool.saturatingAdd(from, base);
        boolean uncapped = relief && r.reliefUncapped().value() != 0;
        long remaining = uncapped ? Long.MAX_VALUE : s.remaining(r.annualCap(), Accumulator.CRITICAL_PAID);
        long capShown = uncapped ? Step.NONE : remaining;
        CappedFund fund = new CappedFund(remaining);
        long lo = Math.max(from, threshold);
        long previous = 0;
        for (Band band : r.bands()) {
            long bandLo = Math.max(previous, lo);
            long bandHi = Math.min(band.upto(), to);
            if (bandHi > bandLo) {
                long x = bandHi - bandLo;
                int bp = EmployeePool.clampRatio((long) band.ratio().bp() + bonus);
                long p = fund.portion(x, bp);
                s.step("hifmi_pay",
                        relief ? "band of the cumulative base, assistance relief" : "band of the cumulative base",
                        x, bp, capShown, p, relief
                                ? List.of(band.ratio(), r.threshold(), r.reliefCategoriesSource(), r.reliefThreshold(),
                                r.reliefBonus(), r.reliefUncapped())
                                : List.of(band.ratio(), r.threshold(), r.annualCap()));
            }
            previous = band.upto();
        }
        if (fund.paid() == 0) {
            s.step("hifmi_pay", "cumulative base below the threshold", base, Step.NONE, capShown, 0,
                    List.of(r.threshold()));
        }
        s.hifmi = fund.paid();
        s.add(Accumulator.CRITICAL_BASE, base);
        s.add(Accumulator.CRITICAL_PAID, s.hifmi);
    }

}

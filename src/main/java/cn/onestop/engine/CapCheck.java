package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;

/**
 * The engine's own check, independent of how each layer computed its payment: a settlement never
 * moves an accumulator backwards and never takes a fund past its annual cap. A failure is a bug,
 * so it is an {@link IllegalStateException}, never a settlement.
 */
final class CapCheck {
    private CapCheck() {
    }

    static void verify(Split s, Accumulators delta) {
        Accumulator negative = delta.firstNegative();
        if (negative != null) {
            throw new IllegalStateException("settlement moves " + negative.key() + " backwards: " + delta);
        }
        RuleTable.Sections r = s.rules;
        if (r.pool() != null) {
            within(s, delta, r.pool().annualCap(), Accumulator.POOL_PAID);
        }
        if (r.largeAmount() != null) {
            within(s, delta, r.largeAmount().annualCap(), Accumulator.LARGE_PAID);
        }
        if (r.criticalIllness() != null && !s.person.holdsAnyOn(s.date, r.criticalIllness().reliefCategories())) {
            within(s, delta, r.criticalIllness().annualCap(), Accumulator.CRITICAL_PAID);
        }
        if (r.outpatientPooling() != null) {
            within(s, delta, s.retiredRow ? r.outpatientPooling().annualCapRetired()
                    : r.outpatientPooling().annualCapActive(), Accumulator.OUTPATIENT_POOL_PAID);
        }
        if (r.subsidy() != null) {
            within(s, delta, r.subsidy().outpatientAnnualCap(), Accumulator.SUBSIDY_OUTPATIENT_PAID);
            if (r.subsidy().annualCap() != null) {
                within(s, delta, r.subsidy().annualCap(), Accumulator.SUBSIDY_PAID);
            }
        }
        if (r.observation() != null) {
            within(s, delta, r.observation().annualCap(), Accumulator.OBSERVATION_PAID);
        }
        if (r.injury() != null) {
            within(s, delta, r.injury().annualCap(), Accumulator.INJURY_OUTPATIENT_PAID);
        }
        if (s.assistanceTable != null) {
            within(s, delta, s.assistanceTable.sections().assistance().annualCap(), Accumulator.ASSISTANCE_PAID);
        }
    }

    private static void within(Split s, Accumulators delta, Param cap, Accumulator a) {
        long room = Math.max(0, cap.value() - s.ytd(a));
        if (delta.get(a) > room) {
            throw new IllegalStateException("settlement takes " + a.key() + " past " + cap + ": paid "
                    + delta.get(a) + " with " + room + " left");
        }
    }
}

package cn.onestop.sharing;

import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E §52 over random budgets, spendings and thresholds: the identity, and no part that runs backwards. */
class YearEndSharingPropertiesTest {
    @Provide
    Arbitrary<SharingTerms> terms() {
        Arbitrary<Integer> lower = Arbitraries.integers().between(0, 5000);
        Arbitrary<Integer> extra = Arbitraries.integers().between(0, 5000);
        Arbitrary<Integer> ratio = Arbitraries.integers().between(0, 10000);
        return Combinators.combine(lower, extra, ratio, ratio, ratio).as((f, e, share, reward, assessment) ->
                new SharingTerms(p("float_bp", f), p("upper_float_bp", f + e), p("overspend_share_bp", share),
                        p("reward_share_bp", reward), p("assessment_bp", assessment)));
    }

    private static Param p(String name, long v) {
        return new Param("year_end_sharing." + name, v, "test", Basis.DOCUMENT);
    }

    @Property(tries = 3000)
    void centrePaysPlusHospitalBearsIsActualPlusReward(@ForAll SharingScheme scheme,
                                                       @ForAll @LongRange(min = 0, max = 10_000_000_000L) long budget,
                                                       @ForAll @LongRange(min = 0, max = 30_000_000_000L) long actual,
                                                       @ForAll("terms") SharingTerms t) {
        SharingResult r = YearEndSharing.share(scheme, budget, actual, t);
        assertEquals(actual + r.reward(), r.centrePays() + r.hospitalBears());
        assertTrue(r.hospitalBears() >= 0 && r.reward() >= 0 && r.centrePays() >= 0);
        assertTrue(r.hospitalBears() <= actual, "the hospital never bears more than it spent");
        assertTrue(r.reward() == 0 || r.hospitalBears() == 0, "a reward and a burden never come together");
        if (scheme == SharingScheme.DIP) {
            assertEquals(0, r.reward(), "DIP has no reward");
        }
    }

    @Property(tries = 3000)
    void oneFenMoreSpentNeverLowersWhatTheCentrePays(@ForAll SharingScheme scheme,
                                                   @ForAll @LongRange(min = 0, max = 10_000_000_000L) long budget,
                                                   @ForAll @LongRange(min = 0, max = 30_000_000_000L) long actual,
                                                   @ForAll("terms") SharingTerms t) {
        SharingResult r = YearEndSharing.share(scheme, budget, actual, t);
        SharingResult next = YearEndSharing.share(scheme, budget, actual + 1, t);
        assertTrue(next.centrePays() >= r.centrePays(), r + " then " + next);
        assertTrue(next.hospitalBears() >= r.hospitalBears(), r + " then " + next);
    }
}

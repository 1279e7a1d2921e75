package cn.onestop.sharing;

import cn.onestop.rules.parse.RuleFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * E §52 at every band edge, one fen either side, with B = 1,000,000 fen: b85 = 850,000,
 * b90 = 900,000, b10 = 1,100,000, b15 = 1,150,000.
 */
class YearEndSharingTest {
    static final SharingTerms TERMS = SharingTerms.of(RuleFiles.loadBundled().latestCentre());
    static final long B = 1_000_000;

    @ParameterizedTest(name = "DIP A={0}: centre {1}, hospital {2}, {3}")
    @CsvSource({
            // at and around 85% and 90%: below the budget the centre pays A, no reward under DIP
            "849999, 849999, 0, WITHIN_BUDGET",
            "850000, 850000, 0, WITHIN_BUDGET",
            "850001, 850001, 0, WITHIN_BUDGET",
            "899999, 899999, 0, WITHIN_BUDGET",
            "900000, 900000, 0, WITHIN_BUDGET",
            "900001, 900001, 0, WITHIN_BUDGET",
            // 100%
            "999999, 999999, 0, WITHIN_BUDGET",
            "1000000, 1000000, 0, WITHIN_BUDGET",
            "1000001, 1000000, 1, DIP_SHARED", // over 1: the hospital's half pay(1, 5000) = 1 (half up)
            // 110%: over 99,999 -> hospital pay(99999, 5000) = 50,000, centre the other 49,999
            "1099999, 1049999, 50000, DIP_SHARED",
            "1100000, 1050000, 50000, DIP_SHARED",
            "1100001, 1050000, 50001, DIP_ABOVE_110",
            // 115%: only 100-110% is shared, the rest is the hospital's
            "1149999, 1050000, 99999, DIP_ABOVE_110",
            "1150000, 1050000, 100000, DIP_ABOVE_110",
            "1150001, 1050000, 100001, DIP_ABOVE_110",
    })
    void dipAtEveryEdge(long actual, long centre, long hospital, SharingBand band) {
        SharingResult r = YearEndSharing.share(SharingScheme.DIP, B, actual, TERMS);
        assertEquals(centre, r.centrePays());
        assertEquals(hospital, r.hospitalBears());
        assertEquals(0, r.reward());
        assertEquals(band, r.band());
    }

    @ParameterizedTest(name = "quota A={0}: centre {1}, hospital {2}, reward {3}, {4}")
    @CsvSource({
            // 85%: below b85 no reward; from b85 the reward is pay(b90 - A, 5000)
            "849999, 849999, 0, 0, QUOTA_BELOW_85",
            "850000, 875000, 0, 25000, QUOTA_SAVING",
            "850001, 875001, 0, 25000, QUOTA_SAVING", // pay(49999, 5000) = 25,000 (half up)
            // 90%
            "899999, 900000, 0, 1, QUOTA_SAVING",
            "900000, 900000, 0, 0, QUOTA_WITHIN_FLOAT",
            "900001, 900001, 0, 0, QUOTA_WITHIN_FLOAT",
            // 100%
            "999999, 999999, 0, 0, QUOTA_WITHIN_FLOAT",
            "1000000, 1000000, 0, 0, QUOTA_WITHIN_FLOAT",
            "1000001, 1000001, 0, 0, QUOTA_WITHIN_FLOAT",
            // 110%: beyond the float the hospital bears half of A - b10
            "1099999, 1099999, 0, 0, QUOTA_WITHIN_FLOAT",
            "1100000, 1100000, 0, 0, QUOTA_WITHIN_FLOAT",
            "1100001, 1100000, 1, 0, QUOTA_SHARED",
            // 115%
            "1149999, 1124999, 25000, 0, QUOTA_SHARED",
            "1150000, 1125000, 25000, 0, QUOTA_SHARED",
            "1150001, 1125000, 25001, 0, QUOTA_ABOVE_115",
    })
    void quotaAtEveryEdge(long actual, long centre, long hospital, long reward, SharingBand band) {
        SharingResult r = YearEndSharing.share(SharingScheme.QUOTA, B, actual, TERMS);
        assertEquals(centre, r.centrePays());
        assertEquals(hospital, r.hospitalBears());
        assertEquals(reward, r.reward());
        assertEquals(band, r.band());
    }

    @Test
    void theAssessmentRatioMultipliesOnlyTheCentresHalfOfADipOverspend() {
        // over 100,000: the hospital's half 50,000; the centre's half 50,000 x 80% = 40,000
        SharingResult r = YearEndSharing.share(SharingScheme.DIP, B, 1_100_000, TERMS.withAssessment(8000));
        assertEquals(1_040_000, r.centrePays());
        assertEquals(60_000, r.hospitalBears());
        assertEquals("given", r.params().get(4).source());
        // a quota's shared part is half and half, whatever the assessment
        SharingResult q = YearEndSharing.share(SharingScheme.QUOTA, B, 1_150_000, TERMS.withAssessment(0));
        assertEquals(25_000, q.hospitalBears());
    }

    @Test
    void theResultNamesEveryParameterWithItsSource() {
        SharingResult r = YearEndSharing.share(SharingScheme.QUOTA, B, 1_000_000, TERMS);
        assertEquals("year_end_sharing.float_bp=1000 (E §52)", r.params().get(0).toString());
        assertEquals("assumed", r.params().get(4).source());
    }

    @Test
    void aNegativeOrHugeAmountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> YearEndSharing.share(SharingScheme.DIP, -1, 0, TERMS));
        assertThrows(IllegalArgumentException.class, () -> YearEndSharing.share(SharingScheme.DIP, 0, -1, TERMS));
        assertThrows(IllegalArgumentException.class,
                () -> YearEndSharing.share(SharingScheme.QUOTA, YearEndSharing.MAX_AMOUNT + 1, 0, TERMS));
    }
}

package cn.onestop.sharing;

import cn.onestop.rules.Basis;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.ParamRange;

import java.util.List;
import java.util.Objects;

/**
 * The E §52 parameters a sharing is computed with, each with its source.
 *
 * @param floatBand 1000: the ±10% float (and the 110% line of DIP)
 * @param upperFloat 1500: the 115% line (and the 85% line) of a quota
 * @param overspendShare 5000: the hospital's share of a shared overspend
 * @param rewardShare 5000: the reward's share of a saving below the float
 * @param assessment the centre's half of a DIP overspend, adjusted by assessment (10000 = all of it)
 */
public record SharingTerms(Param floatBand, Param upperFloat, Param overspendShare, Param rewardShare,
                           Param assessment) {
    public SharingTerms {
        ParamRange.RATIO.check(floatBand);
        ParamRange.RATIO.check(upperFloat);
        ParamRange.RATIO.check(overspendShare);
        ParamRange.RATIO.check(rewardShare);
        ParamRange.RATIO.check(assessment);
        if (upperFloat.value() < floatBand.value()) {
            throw new IllegalArgumentException("the 115% line must not be below the 110% line");
        }
    }

    /** The centre rules' terms. */
    public static SharingTerms of(CentreRules r) {
        return new SharingTerms(r.floatBand(), r.upperFloat(), r.overspendShare(), r.rewardShare(), r.assessment());
    }

    /** These terms with the assessment ratio given by the caller (the institution's assessment result). */
    public SharingTerms withAssessment(int bp) {
        return new SharingTerms(floatBand, upperFloat, overspendShare, rewardShare,
                new Param(assessment.name(), bp, "given", Basis.DOCUMENT));
    }

    public List<Param> all() {
        return List.of(floatBand, upperFloat, overspendShare, rewardShare, assessment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharingTerms t && Objects.equals(all(), t.all());
    }

    @Override
    public int hashCode() {
        return all().hashCode();
    }
}

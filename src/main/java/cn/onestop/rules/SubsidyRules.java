package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Civil-servant medical subsidy (公务员医疗补助, E §80) for inpatient stays and outpatient pooling.
 *
 * @param annualCap the subsidy's cap on all its payments in a year, or null where the version has none
 */
public record SubsidyRules(Param ratioActive, Param ratioRetired, Param careRatioActive, Param careRatioRetired,
                           Param outpatientAnnualCap, Param annualCap) {
    public SubsidyRules {
        RATIO.check(ratioActive);
        RATIO.check(ratioRetired);
        RATIO.check(careRatioActive);
        RATIO.check(careRatioRetired);
        AMOUNT.check(outpatientAnnualCap);
        AMOUNT.checkOptional(annualCap);
    }
}

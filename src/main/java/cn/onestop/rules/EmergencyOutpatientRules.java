package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.RATIO;

/** Emergency outpatient within three days (E §22): a flat pool ratio, no deductible. */
public record EmergencyOutpatientRules(Param poolRatio) {
    public EmergencyOutpatientRules {
        RATIO.check(poolRatio);
    }
}

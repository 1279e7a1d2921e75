package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/** Outpatient subsidy of medical-care persons (医疗照顾人员门诊, E §80.1(2)). */
public record CareOutpatientRules(Param threshold, Param ratio, Param annualCap, Param disabledExtra,
                                  Param disabledSeniorExtra) {
    public CareOutpatientRules {
        AMOUNT.check(threshold);
        RATIO.check(ratio);
        AMOUNT.check(annualCap);
        AMOUNT.check(disabledExtra);
        AMOUNT.check(disabledSeniorExtra);
    }
}

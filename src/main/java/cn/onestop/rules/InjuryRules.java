package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/** Student accidental-injury outpatient (学生儿童意外伤害门诊, R §25). */
public record InjuryRules(Param ratio, Param annualCap) {
    public InjuryRules {
        RATIO.check(ratio);
        AMOUNT.check(annualCap);
    }
}

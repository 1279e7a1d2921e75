package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.ADJUSTMENT;
import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.FLAG;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * General outpatient pooling (普通门诊统筹, W §9; E by reference to the same numbers).
 *
 * @param requiresDesignation only at institutions designated for outpatient pooling (W §16)
 */
public record OutpatientPoolingRules(Param deductible, Param ratioLevel3, Param ratioLevel2AndBelow,
                                     Param retiredBonus, Param annualCapActive, Param annualCapRetired,
                                     Param requiresDesignation) {
    public OutpatientPoolingRules {
        AMOUNT.check(deductible);
        RATIO.check(ratioLevel3);
        RATIO.check(ratioLevel2AndBelow);
        ADJUSTMENT.check(retiredBonus);
        AMOUNT.check(annualCapActive);
        AMOUNT.check(annualCapRetired);
        FLAG.check(requiresDesignation);
    }
}

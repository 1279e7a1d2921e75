package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.ADJUSTMENT;
import static cn.onestop.rules.ParamRange.FLAG;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * 文革基残 rules (E §36): an active cr-disabled person is settled on the ordinary retired
 * standard; a retired one gets a lower deductible and a higher inpatient ratio.
 */
public record CrDisabledRules(Param activeAsRetired, Param retiredDeductible, Param retiredRatioBonus) {
    public CrDisabledRules {
        FLAG.check(activeAsRetired);
        RATIO.check(retiredDeductible);
        ADJUSTMENT.check(retiredRatioBonus);
    }
}

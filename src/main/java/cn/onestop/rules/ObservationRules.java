package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.COUNT;
import static cn.onestop.rules.ParamRange.FLAG;
import static cn.onestop.rules.ParamRange.RATIO;

/** Outpatient observation (一般门诊观察, R §18). */
public record ObservationRules(Param ratio, Param perVisitCap, Param paidVisitsPerYear, Param annualCap,
                               Param primaryOnly) {
    public ObservationRules {
        RATIO.check(ratio);
        AMOUNT.check(perVisitCap);
        COUNT.check(paidVisitsPerYear);
        AMOUNT.check(annualCap);
        FLAG.check(primaryOnly);
    }
}

package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.FLAG;

/** Arrears suspend the insurance layers (E §27, §43; POLICY §3, §10.5). */
public record ArrearsRules(Param suspendsInsurance) {
    public ArrearsRules {
        FLAG.check(suspendsInsurance);
    }

    public boolean suspends() {
        return suspendsInsurance.value() != 0;
    }
}

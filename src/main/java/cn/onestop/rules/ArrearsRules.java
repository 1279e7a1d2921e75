package cn.onestop.rules;

/** Arrears suspend the insurance layers (E §27, §43; POLICY §3, §10.5). */
public record ArrearsRules(Param suspendsInsurance) {
    public boolean suspends() {
        return suspendsInsurance.value() != 0;
    }
}

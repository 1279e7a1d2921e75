package cn.onestop.rules;

/** Arrears suspend the insurance layers (E §27, §43; POLICY §3, §10.5). */
public record ArrearsRules(Param suspendsInsurance) {
    static ArrearsRules read(SectionReader r) {
        return new ArrearsRules(r.flag("suspends_insurance"));
    }

    public boolean suspends() {
        return suspendsInsurance.value() != 0;
    }
}

package cn.onestop.rules;

/**
 * General outpatient pooling (普通门诊统筹, W §9; E by reference to the same numbers).
 *
 * @param requiresDesignation only at institutions designated for outpatient pooling (W §16)
 */
public record OutpatientPoolingRules(Param deductible, Param ratioLevel3, Param ratioLevel2AndBelow,
                                     Param retiredBonus, Param annualCapActive, Param annualCapRetired,
                                     Param requiresDesignation) {
    static OutpatientPoolingRules read(SectionReader r) {
        return new OutpatientPoolingRules(r.amount("deductible"), r.ratio("ratio_level3_bp"),
                r.ratio("ratio_level2_and_below_bp"), r.adjustment("retired_bonus_bp"),
                r.amount("annual_cap_active"), r.amount("annual_cap_retired"), r.flag("requires_designation"));
    }
}

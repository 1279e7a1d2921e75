package cn.onestop.rules;

/**
 * General outpatient pooling (普通门诊统筹, W §9; E by reference to the same numbers).
 *
 * @param requiresDesignation only at institutions designated for outpatient pooling (W §16)
 */
public record OutpatientPoolingRules(Param deductible, Param ratioLevel3, Param ratioLevel2AndBelow,
                                     Param retiredBonus, Param annualCapActive, Param annualCapRetired,
                                     Param requiresDesignation) {
}

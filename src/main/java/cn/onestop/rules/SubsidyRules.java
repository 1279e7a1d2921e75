package cn.onestop.rules;

/**
 * Civil-servant medical subsidy (公务员医疗补助, E §80) for inpatient stays and outpatient pooling.
 *
 * @param annualCap the subsidy's cap on all its payments in a year, or null where the version has none
 */
public record SubsidyRules(Param ratioActive, Param ratioRetired, Param careRatioActive, Param careRatioRetired,
                           Param outpatientAnnualCap, Param annualCap) {
}

package cn.onestop.rules;

/**
 * Civil-servant medical subsidy (公务员医疗补助, E §80) for inpatient stays and outpatient pooling.
 *
 * @param annualCap the subsidy's cap on all its payments in a year, or null where the version has none
 */
public record SubsidyRules(Param ratioActive, Param ratioRetired, Param careRatioActive, Param careRatioRetired,
                           Param outpatientAnnualCap, Param annualCap) {
    static SubsidyRules read(SectionReader r) {
        return new SubsidyRules(r.ratio("ratio_active_bp"), r.ratio("ratio_retired_bp"),
                r.ratio("care_ratio_active_bp"), r.ratio("care_ratio_retired_bp"),
                r.amount("outpatient_annual_cap"), r.optionalAmount("annual_cap"));
    }
}

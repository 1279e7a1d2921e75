package cn.onestop.rules;

/**
 * 文革基残 rules (E §36): an active cr-disabled person is settled on the ordinary retired
 * standard; a retired one gets a lower deductible and a higher inpatient ratio.
 */
public record CrDisabledRules(Param activeAsRetired, Param retiredDeductible, Param retiredRatioBonus) {
    static CrDisabledRules read(SectionReader r) {
        return new CrDisabledRules(r.flag("active_as_retired"), r.ratio("retired_deductible_bp"),
                r.adjustment("retired_ratio_bonus_bp"));
    }
}

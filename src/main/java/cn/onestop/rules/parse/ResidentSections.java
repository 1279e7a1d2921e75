package cn.onestop.rules.parse;

import cn.onestop.request.AssistanceCategory;
import cn.onestop.rules.Band;
import cn.onestop.rules.CriticalIllnessRules;
import cn.onestop.rules.EligibilityRules;
import cn.onestop.rules.InjuryRules;
import cn.onestop.rules.ObservationRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.ResidentInpatientRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Readers of the sections only a resident plan has: the inpatient pool, critical-illness insurance,
 * outpatient observation, student injury and eligibility.
 */
final class ResidentSections {
    private ResidentSections() {
    }

    /** {@code resident_inpatient}: per institution level 1..3. */
    static ResidentInpatientRules residentInpatient(SectionReader r) {
        return new ResidentInpatientRules(
                List.of(r.amount("deductible_level1"), r.amount("deductible_level2"), r.amount("deductible_level3")),
                r.ratio("repeat_admission_bp"),
                List.of(r.ratio("ratio_level1_bp"), r.ratio("ratio_level2_bp"), r.ratio("ratio_level3_bp")),
                r.adjustment("tcm_uplift_bp"), r.ratio("tcm_max_bp"));
    }

    /** {@code critical_illness}: banded ratios and the relief for assistance categories. */
    static CriticalIllnessRules criticalIllness(SectionReader r) {
        Param threshold = r.amount("threshold");
        List<Band> bands = r.bands("bands");
        Param cap = r.amount("annual_cap");
        List<Param> src = new ArrayList<>();
        Set<AssistanceCategory> relief = r.categories("relief_categories", src);
        return new CriticalIllnessRules(threshold, bands, cap, relief, src.get(0),
                r.ratio("relief_threshold_bp"), r.adjustment("relief_bonus_bp"), r.flag("relief_uncapped"));
    }

    /** {@code outpatient_observation}. */
    static ObservationRules observation(SectionReader r) {
        return new ObservationRules(r.ratio("ratio_bp"), r.amount("per_visit_cap"), r.count("paid_visits_per_year"),
                r.amount("annual_cap"), r.flag("primary_only"));
    }

    /** {@code student_injury}. */
    static InjuryRules injury(SectionReader r) {
        return new InjuryRules(r.ratio("ratio_bp"), r.amount("annual_cap"));
    }

    /** {@code eligibility}. */
    static EligibilityRules eligibility(SectionReader r) {
        return new EligibilityRules(r.count("newborn_enrol_days"), r.flag("assistance_waives_waiting"));
    }
}

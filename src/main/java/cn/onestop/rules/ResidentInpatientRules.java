package cn.onestop.rules;

import java.util.List;

/**
 * Resident inpatient pool (R §20): deductible and ratio by level (index 0..2 for levels 1..3),
 * halved from the second admission, TCM uplift at TCM institutions.
 */
public record ResidentInpatientRules(List<Param> deductibleByLevel, Param repeatAdmission, List<Param> ratioByLevel,
                                     Param tcmUplift, Param tcmMax) {
    static ResidentInpatientRules read(SectionReader r) {
        return new ResidentInpatientRules(
                List.of(r.amount("deductible_level1"), r.amount("deductible_level2"), r.amount("deductible_level3")),
                r.ratio("repeat_admission_bp"),
                List.of(r.ratio("ratio_level1_bp"), r.ratio("ratio_level2_bp"), r.ratio("ratio_level3_bp")),
                r.adjustment("tcm_uplift_bp"), r.ratio("tcm_max_bp"));
    }
}

package cn.onestop.rules;

import java.util.List;

/**
 * Resident inpatient pool (R §20): deductible and ratio by level (index 0..2 for levels 1..3),
 * halved from the second admission, TCM uplift at TCM institutions.
 */
public record ResidentInpatientRules(List<Param> deductibleByLevel, Param repeatAdmission, List<Param> ratioByLevel,
                                     Param tcmUplift, Param tcmMax) {
}

package cn.onestop.rules;

import cn.onestop.request.AssistanceCategory;

import java.util.List;
import java.util.Set;

/**
 * Resident critical-illness insurance (大病保险, R §21): banded ratios above an annual threshold on
 * the cumulative in-policy burden, with relief for assistance categories.
 */
public record CriticalIllnessRules(Param threshold, List<Band> bands, Param annualCap,
                                   Set<AssistanceCategory> reliefCategories, Param reliefCategoriesSource,
                                   Param reliefThreshold, Param reliefBonus, Param reliefUncapped) {
}

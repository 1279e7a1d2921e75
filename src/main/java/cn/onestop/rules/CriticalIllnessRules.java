package cn.onestop.rules;

import cn.onestop.request.AssistanceCategory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Resident critical-illness insurance (大病保险, R §21): banded ratios above an annual threshold on
 * the cumulative in-policy burden, with relief for assistance categories.
 */
public record CriticalIllnessRules(Param threshold, List<Band> bands, Param annualCap,
                                   Set<AssistanceCategory> reliefCategories, Param reliefCategoriesSource,
                                   Param reliefThreshold, Param reliefBonus, Param reliefUncapped) {
    static CriticalIllnessRules read(SectionReader r) {
        Param threshold = r.amount("threshold");
        List<Band> bands = r.bands("bands");
        Param cap = r.amount("annual_cap");
        List<Param> src = new ArrayList<>();
        Set<AssistanceCategory> relief = r.categories("relief_categories", src);
        return new CriticalIllnessRules(threshold, bands, cap, Set.copyOf(relief), src.get(0),
                r.ratio("relief_threshold_bp"), r.adjustment("relief_bonus_bp"), r.flag("relief_uncapped"));
    }
}

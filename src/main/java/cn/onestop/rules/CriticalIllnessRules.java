package cn.onestop.rules;

import cn.onestop.request.AssistanceCategory;

import java.util.List;
import java.util.Set;

import static cn.onestop.rules.ParamRange.ADJUSTMENT;
import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.COUNT;
import static cn.onestop.rules.ParamRange.FLAG;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Resident critical-illness insurance (大病保险, R §21): banded ratios above an annual threshold on
 * the cumulative in-policy burden, with relief for assistance categories.
 */
public record CriticalIllnessRules(Param threshold, List<Band> bands, Param annualCap,
                                   Set<AssistanceCategory> reliefCategories, Param reliefCategoriesSource,
                                   Param reliefThreshold, Param reliefBonus, Param reliefUncapped) {
    public CriticalIllnessRules {
        AMOUNT.check(threshold);
        bands = checkBands(bands);
        AMOUNT.check(annualCap);
        reliefCategories = Set.copyOf(reliefCategories);
        COUNT.check(reliefCategoriesSource);
        RATIO.check(reliefThreshold);
        ADJUSTMENT.check(reliefBonus);
        FLAG.check(reliefUncapped);
    }

    /** The bands as an unmodifiable list: at least one, limits strictly rising, the last one open. */
    private static List<Band> checkBands(List<Band> bands) {
        List<Band> copy = List.copyOf(bands);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("critical illness needs at least one band");
        }
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).upto() <= copy.get(i - 1).upto()) {
                throw new IllegalArgumentException("band limits must rise: " + copy);
            }
        }
        if (copy.get(copy.size() - 1).upto() != Long.MAX_VALUE) {
            throw new IllegalArgumentException("the last band must be open: " + copy);
        }
        return copy;
    }
}

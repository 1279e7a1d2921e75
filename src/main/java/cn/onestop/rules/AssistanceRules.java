package cn.onestop.rules;

import cn.onestop.request.AssistanceCategory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Medical assistance (医疗救助, document A): per-category annual deductible and ratio, one annual
 * cap, the monitoring lines (A §8) and the out-of-catalog check (A §29).
 */
public record AssistanceRules(List<Param> deductibleByCategory, List<Param> ratioByCategory, Param annualCap,
                              Param ruralIncome, Param relapseShare, Param outOfCatalogLevel2AndBelow,
                              Param outOfCatalogLevel3) {
    static AssistanceRules read(SectionReader r) {
        List<Param> deductibles = new ArrayList<>();
        List<Param> ratios = new ArrayList<>();
        for (AssistanceCategory c : AssistanceCategory.values()) {
            String n = c.name().toLowerCase(Locale.ROOT);
            deductibles.add(r.amount(n + "_deductible"));
            ratios.add(r.ratio(n + "_bp"));
        }
        return new AssistanceRules(List.copyOf(deductibles), List.copyOf(ratios), r.amount("annual_cap"),
                r.amount("rural_income"), r.ratio("relapse_share_bp"), r.ratio("out_of_catalog_level2_and_below_bp"),
                r.ratio("out_of_catalog_level3_bp"));
    }

    public Param deductible(AssistanceCategory c) {
        return deductibleByCategory.get(c.ordinal());
    }

    public Param ratio(AssistanceCategory c) {
        return ratioByCategory.get(c.ordinal());
    }
}

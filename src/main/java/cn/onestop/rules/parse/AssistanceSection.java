package cn.onestop.rules.parse;

import cn.onestop.request.AssistanceCategory;
import cn.onestop.rules.AssistanceRules;
import cn.onestop.rules.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reader of {@code medical_assistance}, the one section of the assistance rules. */
final class AssistanceSection {
    private AssistanceSection() {
    }

    /** A deductible and a ratio per {@link AssistanceCategory}, in category order, then the rest. */
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
}

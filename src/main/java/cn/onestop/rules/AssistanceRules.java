package cn.onestop.rules;

import cn.onestop.request.AssistanceCategory;

import java.util.List;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Medical assistance (医疗救助, document A): per-category annual deductible and ratio, one annual
 * cap, the monitoring lines (A §8) and the out-of-catalog check (A §29).
 */
public record AssistanceRules(List<Param> deductibleByCategory, List<Param> ratioByCategory, Param annualCap,
                              Param ruralIncome, Param relapseShare, Param outOfCatalogLevel2AndBelow,
                              Param outOfCatalogLevel3) {
    public AssistanceRules {
        deductibleByCategory = AMOUNT.checkEach(deductibleByCategory, AssistanceCategory.values().length);
        ratioByCategory = RATIO.checkEach(ratioByCategory, AssistanceCategory.values().length);
        AMOUNT.check(annualCap);
        AMOUNT.check(ruralIncome);
        RATIO.check(relapseShare);
        RATIO.check(outOfCatalogLevel2AndBelow);
        RATIO.check(outOfCatalogLevel3);
    }

    public Param deductible(AssistanceCategory c) {
        return deductibleByCategory.get(c.ordinal());
    }

    public Param ratio(AssistanceCategory c) {
        return ratioByCategory.get(c.ordinal());
    }
}

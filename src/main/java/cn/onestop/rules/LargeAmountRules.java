package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.List;

/** Employee large-amount insurance (大额, E ch.3): ratio by filing, emergency ratio, annual cap. */
public record LargeAmountRules(List<Param> ratioByFiling, Param emergencyOutpatientRatio, Param annualCap) {
    public Param ratio(Filing filing) {
        return ratioByFiling.get(filing.ordinal());
    }
}

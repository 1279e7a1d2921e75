package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.List;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/** Employee large-amount insurance (大额, E ch.3): ratio by filing, emergency ratio, annual cap. */
public record LargeAmountRules(List<Param> ratioByFiling, Param emergencyOutpatientRatio, Param annualCap) {
    public LargeAmountRules {
        ratioByFiling = RATIO.checkEach(ratioByFiling, Filing.values().length);
        RATIO.check(emergencyOutpatientRatio);
        AMOUNT.check(annualCap);
    }

    public Param ratio(Filing filing) {
        return ratioByFiling.get(filing.ordinal());
    }
}

package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;

/** The basic pool's annual payment cap (E §19, R §20), shared by every pool benefit of the plan. */
public record PoolRules(Param annualCap) {
    public PoolRules {
        AMOUNT.check(annualCap);
    }
}

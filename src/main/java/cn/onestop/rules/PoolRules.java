package cn.onestop.rules;

/** The basic pool's annual payment cap (E §19, R §20), shared by every pool benefit of the plan. */
public record PoolRules(Param annualCap) {
}

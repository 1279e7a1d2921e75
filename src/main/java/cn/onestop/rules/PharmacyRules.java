package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.FLAG;

/** Pharmacy sales: pooled only at a dual-channel pharmacy, as outpatient at level ≤2 (W §11). */
public record PharmacyRules(Param dualChannelPooling) {
    public PharmacyRules {
        FLAG.check(dualChannelPooling);
    }
}

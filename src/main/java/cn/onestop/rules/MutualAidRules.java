package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.FLAG;

/** Family mutual aid (家庭共济, W §4): a family member's account may pay the in-policy burden. */
public record MutualAidRules(Param enabled) {
    public MutualAidRules {
        FLAG.check(enabled);
    }
}

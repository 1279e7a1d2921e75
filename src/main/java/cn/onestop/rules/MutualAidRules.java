package cn.onestop.rules;

/** Family mutual aid (家庭共济, W §4): a family member's account may pay the in-policy burden. */
public record MutualAidRules(Param enabled) {
}

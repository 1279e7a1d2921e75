package cn.onestop.rules;

/** Student accidental-injury outpatient (学生儿童意外伤害门诊, R §25). */
public record InjuryRules(Param ratio, Param annualCap) {
}

package cn.onestop.rules;

/** Outpatient subsidy of medical-care persons (医疗照顾人员门诊, E §80.1(2)). */
public record CareOutpatientRules(Param threshold, Param ratio, Param annualCap, Param disabledExtra,
                                  Param disabledSeniorExtra) {
}

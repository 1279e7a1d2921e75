package cn.onestop.rules;

/** Outpatient subsidy of medical-care persons (医疗照顾人员门诊, E §80.1(2)). */
public record CareOutpatientRules(Param threshold, Param ratio, Param annualCap, Param disabledExtra,
                                  Param disabledSeniorExtra) {
    static CareOutpatientRules read(SectionReader r) {
        return new CareOutpatientRules(r.amount("threshold"), r.ratio("ratio_bp"), r.amount("annual_cap"),
                r.amount("cr_disabled_extra"), r.amount("cr_disabled_senior_extra"));
    }
}

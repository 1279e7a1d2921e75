package cn.onestop.rules;

/** Outpatient observation (一般门诊观察, R §18). */
public record ObservationRules(Param ratio, Param perVisitCap, Param paidVisitsPerYear, Param annualCap,
                               Param primaryOnly) {
    static ObservationRules read(SectionReader r) {
        return new ObservationRules(r.ratio("ratio_bp"), r.amount("per_visit_cap"), r.count("paid_visits_per_year"),
                r.amount("annual_cap"), r.flag("primary_only"));
    }
}

package cn.onestop.rules;

/** Outpatient observation (一般门诊观察, R §18). */
public record ObservationRules(Param ratio, Param perVisitCap, Param paidVisitsPerYear, Param annualCap,
                               Param primaryOnly) {
}

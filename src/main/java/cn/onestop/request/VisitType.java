package cn.onestop.request;

/** What kind of visit a bill belongs to. */
public enum VisitType {
    INPATIENT,
    /** 急诊转住院: one stay, one deductible (E §20). */
    EMERGENCY_TO_INPATIENT,
    /** 门急诊, at most three days (E §22). */
    EMERGENCY_OUTPATIENT,
    /** 普通门诊统筹. */
    GENERAL_OUTPATIENT,
    /** Sale at a designated pharmacy. */
    PHARMACY,
    /** 一般门诊观察 (R §18). */
    OUTPATIENT_OBSERVATION,
    /** 学生儿童意外伤害门诊 (R §25). */
    INJURY_OUTPATIENT;

    public boolean isInpatient() {
        return this == INPATIENT || this == EMERGENCY_TO_INPATIENT;
    }
}

package cn.onestop.centre;

import cn.onestop.request.VisitType;

import java.util.Optional;

/** The national clearing type {@code clr_type} of a settlement, from its visit type (POLICY §11). */
public enum ClearingType {
    /** 11 门诊: emergency outpatient, general outpatient, observation, injury outpatient. */
    OUTPATIENT("11"),
    /** 21 住院: inpatient, emergency to inpatient. */
    INPATIENT("21"),
    /** 41 药店购药. */
    PHARMACY("41");

    private final String code;

    ClearingType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ClearingType of(VisitType visit) {
        return switch (visit) {
            case INPATIENT, EMERGENCY_TO_INPATIENT -> INPATIENT;
            case PHARMACY -> PHARMACY;
            case EMERGENCY_OUTPATIENT, GENERAL_OUTPATIENT, OUTPATIENT_OBSERVATION, INJURY_OUTPATIENT -> OUTPATIENT;
        };
    }

    /** The type of a national code ({@code 11}, {@code 21}, {@code 41}). */
    public static Optional<ClearingType> ofCode(String code) {
        for (ClearingType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

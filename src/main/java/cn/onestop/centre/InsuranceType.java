package cn.onestop.centre;

import cn.onestop.rules.Scheme;

import java.util.Optional;

/** The national insurance type {@code insutype} of a settlement, from its plan's scheme (POLICY §11). */
public enum InsuranceType {
    /** 310 职工基本医疗保险 (plans E and W). */
    EMPLOYEE_BASIC("310"),
    /** 390 城乡居民基本医疗保险 (plan R). */
    RESIDENT_BASIC("390");

    private final String code;

    InsuranceType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static InsuranceType of(Scheme scheme) {
        return switch (scheme) {
            case EMPLOYEE -> EMPLOYEE_BASIC;
            case RESIDENT -> RESIDENT_BASIC;
        };
    }

    /** The type of a national code ({@code 310}, {@code 390}). */
    public static Optional<InsuranceType> ofCode(String code) {
        for (InsuranceType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

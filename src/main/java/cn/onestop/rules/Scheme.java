package cn.onestop.rules;

import cn.onestop.request.PersonStatus;

/** Which insured population a plan covers; decides which statuses fit it. */
public enum Scheme {
    /** 职工基本医疗保险: ACTIVE and RETIRED. */
    EMPLOYEE,
    /** 城乡居民基本医疗保险: RESIDENT. */
    RESIDENT;

    /** Whether a person of {@code status} can be settled under this scheme at all. */
    public boolean fits(PersonStatus status) {
        return switch (status) {
            case ACTIVE, RETIRED -> this == EMPLOYEE;
            case RESIDENT -> this == RESIDENT;
            case OTHER_CHANNEL -> true; // refused later with its own code (E §36)
        };
    }
}

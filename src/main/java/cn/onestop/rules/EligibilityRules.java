package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.COUNT;
import static cn.onestop.rules.ParamRange.FLAG;

/**
 * Resident eligibility (R §11): benefits from {@code benefit_start}; a newborn enrolled within
 * {@code newbornEnrolDays} of birth is covered from birth; assistance persons have no waiting
 * period (A §16).
 */
public record EligibilityRules(Param newbornEnrolDays, Param assistanceWaivesWaiting) {
    public EligibilityRules {
        COUNT.check(newbornEnrolDays);
        FLAG.check(assistanceWaivesWaiting);
    }
}

package cn.onestop.engine;

import cn.onestop.request.Person;
import cn.onestop.rules.EligibilityRules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Resident eligibility (R §11): no fund pays before {@code benefit_start}; a newborn enrolled
 * within the enrolment window (day 90 included) is covered from birth; a person holding an
 * assistance category on the date has no waiting period (A §16).
 */
final class Eligibility {
    private Eligibility() {
    }

    /** Null when eligible, else the reason. */
    static String refusal(EligibilityRules r, Person p, LocalDate date) {
        LocalDate from = coveredFrom(r, p);
        if (!date.isBefore(from)) {
            return null;
        }
        if (r.assistanceWaivesWaiting().value() != 0 && p.holdsAssistanceOn(date)) {
            return null;
        }
        return "benefits start on " + from + " (" + r.newbornEnrolDays().source() + "); settlement date " + date;
    }

    static LocalDate coveredFrom(EligibilityRules r, Person p) {
        LocalDate from = p.benefitStart();
        if (p.birthDate() != null && p.enrolledOn() != null
                && ChronoUnit.DAYS.between(p.birthDate(), p.enrolledOn()) <= r.newbornEnrolDays().value()
                && p.birthDate().isBefore(from)) {
            return p.birthDate();
        }
        return from;
    }
}

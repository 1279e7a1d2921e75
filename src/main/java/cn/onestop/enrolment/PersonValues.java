package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Row;
import java.time.LocalDate;

/** The persons columns that an import sets, as stored: equal values are not written again. */
record PersonValues(
        String name,
        String plan,
        String status,
        boolean civilServant,
        boolean medicalCare,
        String crDisabled,
        boolean arrears,
        LocalDate benefitStart,
        LocalDate birthDate,
        LocalDate enrolledOn,
        boolean student,
        String insuredRegion) {
    static PersonValues of(Row r) {
        return new PersonValues(
                r.name(),
                r.plan(),
                r.status().name(),
                r.civilServant(),
                r.medicalCare(),
                r.crDisabled().name(),
                r.arrears(),
                r.benefitStart(),
                r.birthDate(),
                r.enrolledOn(),
                r.student(),
                r.insuredRegion());
    }
}

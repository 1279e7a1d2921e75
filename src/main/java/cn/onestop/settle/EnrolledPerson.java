package cn.onestop.settle;

import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * A person as enrolled: plan, status, entitlements, identities, and (when read for a lookup) the
 * credentials they hold.
 */
public record EnrolledPerson(String personId, String name, String plan, PersonStatus status, boolean civilServant,
                             boolean medicalCare, CrDisabled crDisabled, boolean arrears, LocalDate benefitStart,
                             LocalDate birthDate, LocalDate enrolledOn, boolean student,
                             List<AssistanceIdentity> assistance, List<CredentialRef> credentials) {
    public EnrolledPerson {
        assistance = List.copyOf(assistance);
        credentials = List.copyOf(credentials);
    }

    /** The engine's view of the person, with the balances read under lock. */
    Person toEngine(long balance, FamilyPayer family) {
        return new Person(status, civilServant, medicalCare, crDisabled, arrears, assistance, benefitStart, birthDate,
                enrolledOn, student, balance, family);
    }
}

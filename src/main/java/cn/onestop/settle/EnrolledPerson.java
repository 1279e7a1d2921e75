package cn.onestop.settle;

import cn.onestop.centre.AdminDivision;
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
 *
 * @param insuredRegion 参保地 {@code insuplc_admdvs}: where the person is insured, which decides the
 *     clearing category of their settlements
 */
public record EnrolledPerson(String personId, String name, String plan, PersonStatus status, boolean civilServant,
                             boolean medicalCare, CrDisabled crDisabled, boolean arrears, LocalDate benefitStart,
                             LocalDate birthDate, LocalDate enrolledOn, boolean student,
                             List<AssistanceIdentity> assistance, List<CredentialRef> credentials,
                             AdminDivision insuredRegion) {
    public EnrolledPerson {
        java.util.Objects.requireNonNull(insuredRegion, "insuredRegion");
        assistance = List.copyOf(assistance);
        credentials = List.copyOf(credentials);
    }

    /** The engine's view of the person, with the balances read under lock. */
    Person toEngine(long balance, FamilyPayer family) {
        return new Person(status, civilServant, medicalCare, crDisabled, arrears, assistance, benefitStart, birthDate,
                enrolledOn, student, balance, family);
    }
}

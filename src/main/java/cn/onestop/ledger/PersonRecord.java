package cn.onestop.ledger;

import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;

import java.time.LocalDate;
import java.util.List;

/** A person as enrolled: plan, status, entitlements, identities, credentials. */
record PersonRecord(String personId, String name, String plan, PersonStatus status, boolean civilServant,
                    boolean medicalCare, CrDisabled crDisabled, boolean arrears, LocalDate benefitStart,
                    LocalDate birthDate, LocalDate enrolledOn, boolean student, List<AssistanceIdentity> assistance,
                    List<CredentialRef> credentials) {

    /** The engine's view of the person, with the balances read under lock. */
    Person toEngine(long balance, FamilyPayer family) {
        return new Person(status, civilServant, medicalCare, crDisabled, arrears, assistance, benefitStart, birthDate,
                enrolledOn, student, balance, family);
    }
}

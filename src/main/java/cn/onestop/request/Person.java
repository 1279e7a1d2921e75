package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

import java.time.LocalDate;
import java.util.List;

/**
 * The insured person as the settlement sees them: status, entitlements and account.
 *
 * @param civilServant receives the civil-servant medical subsidy (公务员医疗补助, E ch.6)
 * @param medicalCare a 医疗照顾人员 (E §79, §80)
 * @param arrears the employer or contributor is in arrears (欠缴, E §27)
 * @param benefitStart first day benefits are paid (resident waiting period, R §11); may be null
 *     for employees
 * @param birthDate, enrolledOn newborn enrolment (R §11); may be null
 * @param accountBalance personal account balance before this bill, fen
 * @param familyPayer a family member's account for mutual aid (W §4); may be null
 */
public record Person(PersonStatus status, boolean civilServant, boolean medicalCare, CrDisabled crDisabled,
                     boolean arrears, List<AssistanceIdentity> assistance, LocalDate benefitStart,
                     LocalDate birthDate, LocalDate enrolledOn, boolean student, long accountBalance,
                     FamilyPayer familyPayer) {
    public Person {
        Require.present(status, "status");
        Require.present(crDisabled, "cr_disabled");
        assistance = assistance == null ? List.of() : List.copyOf(assistance);
        Require.notNegative(accountBalance, "account_balance");
        if (birthDate != null && enrolledOn != null && enrolledOn.isBefore(birthDate)) {
            throw new InvalidRequestException("enrolled_on", "is before birth_date " + birthDate);
        }
    }

    /** True when the person holds any assistance category on {@code date}. */
    public boolean holdsAssistanceOn(LocalDate date) {
        for (AssistanceIdentity a : assistance) {
            if (a.validOn(date)) {
                return true;
            }
        }
        return false;
    }

    /** True when the person holds one of {@code categories} on {@code date}. */
    public boolean holdsAnyOn(LocalDate date, java.util.Set<AssistanceCategory> categories) {
        for (AssistanceIdentity a : assistance) {
            if (a.validOn(date) && categories.contains(a.category())) {
                return true;
            }
        }
        return false;
    }
}

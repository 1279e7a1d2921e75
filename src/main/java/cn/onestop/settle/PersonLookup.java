package cn.onestop.settle;

import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulators;

import java.util.List;
import java.util.Optional;

/**
 * 1101: the person holding a credential presented at the counter, with the year's accumulators and
 * the account balance. Every lookup, found or not, is in the audit trail.
 */
public final class PersonLookup {
    private final Directory directory;
    private final LedgerStore ledger;

    PersonLookup(Directory directory, LedgerStore ledger) {
        this.directory = directory;
        this.ledger = ledger;
    }

    public Result<PersonView> person(Caller caller, CredentialRef credential, int year, Deadline deadline) {
        Optional<Failure> denied = Access.mayLookUpPersons(caller);
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        Optional<EnrolledPerson> person = directory.personIdHolding(credential).flatMap(directory::person);
        String target = "credential " + credential.type() + ":" + credential.masked();
        return ledger.write(deadline, tx -> {
            if (person.isEmpty()) {
                tx.audit(List.of(new AuditEvent(caller.subject(), caller.role().name(), "PERSON_READ", target,
                        Reason.PERSON_NOT_FOUND.name(), caller.requestId(), "year " + year)));
                return Result.ok(Optional.<PersonView>empty());
            }
            EnrolledPerson p = person.get();
            Accumulators ytd = tx.yearRows().peek(new YearKey(p.personId(), p.plan(), year));
            tx.audit(List.of(AuditEvent.of(caller, "PERSON_READ", target, "person " + p.personId() + " year " + year)));
            return Result.ok(Optional.of(new PersonView(p, year, ytd, tx.accounts().peek(p.personId()))));
        }).flatMap(found -> found.<Result<PersonView>>map(Result::ok)
                .orElseGet(() -> Result.failed(Reason.PERSON_NOT_FOUND, "no person holds this credential")));
    }
}

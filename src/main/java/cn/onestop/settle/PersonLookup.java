package cn.onestop.settle;

import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulators;

import java.util.Optional;

/** 1101: the person holding a credential, with the year's accumulators and the account balance. */
public final class PersonLookup {
    private final Directory directory;
    private final LedgerStore ledger;

    PersonLookup(Directory directory, LedgerStore ledger) {
        this.directory = directory;
        this.ledger = ledger;
    }

    public Result<PersonView> person(CredentialRef credential, int year) {
        Optional<EnrolledPerson> person = directory.personIdHolding(credential).flatMap(directory::person);
        if (person.isEmpty()) {
            return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds this credential");
        }
        EnrolledPerson p = person.get();
        return ledger.read(tx -> {
            Accumulators ytd = tx.yearRows().peek(new YearKey(p.personId(), p.plan(), year));
            return Result.ok(new PersonView(p, year, ytd, tx.accounts().peek(p.personId())));
        });
    }
}

package cn.onestop.settle;

import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.ItemLine;

import java.util.List;
import java.util.Optional;

/**
 * What a settlement resolves before it takes any lock: the institution, the person by credential,
 * the family payer, and the bill's coded lines classified from the treating region's catalog. Reads
 * only, shared by PreSettle and Settle.
 */
final class Preparation {
    private final Directory directory;
    private final BillClassifier catalogs;

    Preparation(Directory directory, BillClassifier catalogs) {
        this.directory = directory;
        this.catalogs = catalogs;
    }

    /**
     * A bill ready to split.
     *
     * @param familyId the family payer's person number, or null
     */
    record Prepared(RegisteredInstitution institution, EnrolledPerson person, String familyId,
                    BillClassifier.Classification bill) {
        YearKey yearKey(SettleCommand cmd) {
            return new YearKey(person.personId(), person.plan(), cmd.year());
        }

        List<String> accounts() {
            return familyId == null ? List.of(person.personId()) : List.of(person.personId(), familyId);
        }
    }

    Result<Prepared> prepare(SettleCommand cmd) {
        return prepare(cmd, directory::holding);
    }

    /** Where the person holding a credential is read from. */
    interface PersonSource {
        Optional<EnrolledPerson> holding(CredentialRef credential);
    }

    Result<Prepared> prepare(SettleCommand cmd, PersonSource persons) {
        Optional<RegisteredInstitution> institution = directory.institution(cmd.institutionCode());
        if (institution.isEmpty()) {
            return Result.failed(Reason.INSTITUTION_NOT_FOUND, "institution " + cmd.institutionCode()
                    + " is not a registered designated institution");
        }
        Optional<EnrolledPerson> person = persons.holding(cmd.credential());
        if (person.isEmpty()) {
            return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds this credential");
        }
        String personId = person.get().personId();
        if (cmd.personId() != null && !cmd.personId().equals(personId)) {
            return Result.failed(Reason.CREDENTIAL_MISMATCH, "the credential does not belong to person "
                    + cmd.personId() + " (W §21: person and credential must match)");
        }
        String familyId = null;
        if (cmd.family() != null) {
            Optional<String> family = directory.personIdHolding(cmd.family().credential());
            if (family.isEmpty()) {
                return Result.failed(Reason.PERSON_NOT_FOUND, "no person holds the family payer's credential");
            }
            if (family.get().equals(personId)) {
                return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, "family_payer: is the patient",
                        List.of(new FieldViolation("family_payer.credential",
                                "names the patient, not a family member"))));
            }
            familyId = family.get();
        }
        Result<BillClassifier.Classification> bill = classify(cmd, institution.get());
        if (bill instanceof Result.Failed<BillClassifier.Classification> f) {
            return new Result.Failed<>(f.failure());
        }
        return Result.ok(new Prepared(institution.get(), person.get(), familyId, bill.value()));
    }

    /** Coded lines from the catalog of the institution's region in force on the settle date. */
    private Result<BillClassifier.Classification> classify(SettleCommand cmd, RegisteredInstitution institution) {
        List<ItemLine> lines = cmd.lines();
        if (lines.stream().noneMatch(ItemLine::usesCatalog)) {
            return Result.ok(BillClassifier.Classification.uncoded(lines));
        }
        Optional<BillClassifier.Classification> classified = catalogs.classify(institution.region(),
                cmd.settleDate(), lines);
        if (classified.isEmpty()) {
            return Result.failed(Reason.NO_CATALOG_VERSION, "no catalog of region " + institution.region()
                    + " (institution " + cmd.institutionCode() + ") is in force on " + cmd.settleDate()
                    + ": the coded lines cannot be classified; import one (onestop catalog import) or send the "
                    + "lines with their category");
        }
        return Result.ok(classified.get());
    }
}

package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.ImportReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a persons import changes: each row compared with what the ledger holds for its person.
 * An existing account is never reset and existing accumulators are never overwritten; a file that
 * differs from them gives a warning naming the line.
 *
 * @param changes one per row, in file order
 * @param inserted rows of new persons
 * @param updated rows of stored persons for whom something is written
 * @param unchanged rows of stored persons identical to the file
 * @param accountsOpened accounts written
 * @param accumulatorsOpened opening accumulator rows written
 */
record PersonPlan(
        List<PersonChange> changes,
        List<String> warnings,
        int inserted,
        int updated,
        int unchanged,
        int accountsOpened,
        int accumulatorsOpened) {

    /** The plan for {@code rows} against {@code stored} (by {@link Keys#key} of the person_id). */
    static PersonPlan of(List<Row> rows, Map<String, StoredPerson> stored) {
        List<String> warnings = new ArrayList<>();
        List<PersonChange> changes = new ArrayList<>(rows.size());
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        int accounts = 0;
        int openings = 0;
        for (Row r : rows) {
            PersonChange ch = change(r, stored.get(Keys.key(r.personId())), warnings);
            changes.add(ch);
            if (ch.isNew()) {
                inserted++;
            } else if (ch.writesAnything()) {
                updated++;
            } else {
                unchanged++;
            }
            accounts += ch.openAccount() ? 1 : 0;
            openings += ch.openAccumulators() ? 1 : 0;
        }
        return new PersonPlan(changes, warnings, inserted, updated, unchanged, accounts, openings);
    }

    /** The report of an import that wrote this plan. */
    ImportReport report(String source, int records) {
        return new ImportReport(source, records, inserted, updated, unchanged, List.of(), warnings);
    }

    /** The audit_log detail: the report's summary and what was opened. */
    String auditDetail(ImportReport report) {
        return report.summary()
                + " accounts_opened="
                + accountsOpened
                + " accumulators_opened="
                + accumulatorsOpened;
    }

    private static PersonChange change(Row r, StoredPerson s, List<String> warnings) {
        Set<String> credentials = new HashSet<>();
        r.credentials().forEach((t, v) -> credentials.add(Keys.credentialKey(t, v)));
        Set<Assistance> assistance = new HashSet<>(r.assistance());
        if (s == null) {
            return new PersonChange(
                    r,
                    r.personId(),
                    true,
                    true,
                    !credentials.isEmpty(),
                    !assistance.isEmpty(),
                    true,
                    r.hasOpening());
        }
        boolean openAccount = s.balance() == null;
        if (!openAccount && s.balance() != r.accountBalance()) {
            warnings.add(
                    "line "
                            + r.line()
                            + ": person "
                            + r.personId()
                            + " already has an account with balance "
                            + s.balance()
                            + " fen; account_balance "
                            + r.accountBalance()
                            + " fen in the file is not applied (an import never resets a balance)");
        }
        return new PersonChange(
                r,
                s.personId(),
                false,
                !PersonValues.of(r).equals(s.values()),
                !credentials.equals(s.credentials()),
                !assistance.equals(s.assistance()),
                openAccount,
                openAccumulators(r, s, warnings));
    }

    /** Whether the row's opening accumulators are written: only when none are stored. */
    private static boolean openAccumulators(Row r, StoredPerson s, List<String> warnings) {
        if (!r.hasOpening()) {
            return false;
        }
        if (s.accumulators() == null) {
            return true;
        }
        if (!Arrays.equals(s.accumulators(), r.openingVector())) {
            warnings.add(
                    "line "
                            + r.line()
                            + ": person "
                            + r.personId()
                            + " already has accumulators for "
                            + r.plan()
                            + " "
                            + r.openingYear()
                            + " that differ from opening_accumulators;"
                            + " they are left as they are");
        }
        return false;
    }
}

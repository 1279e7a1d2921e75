package cn.onestop.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.ImportReport;
import cn.onestop.request.Accumulator;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an import changes, decided from the file's rows and the stored state alone. */
class PersonPlanTest {
    static final String ROW =
            "S1,甲,WUHAI-EMPLOYEE,ACTIVE,,,,,,,,,EVAAAA,,,1000,SUBSISTENCE:2024-01-01:,2026,"
                    + "pool_paid=5\n";

    private static Row row(String record) throws IOException {
        PersonCsv.Parsed p =
                new PersonCsv(EnrolmentImportTest.PLANS, EnrolmentImportTest.REGIONS)
                        .read(new StringReader(EnrolmentImportTest.HEADER + record));
        assertEquals(List.of(), p.errors());
        return p.rows().get(0);
    }

    /** What the ledger would hold after importing {@code r}, under {@code storedId}. */
    private static StoredPerson storedAs(Row r, String storedId) {
        Set<String> credentials = new HashSet<>();
        r.credentials().forEach((t, v) -> credentials.add(Keys.credentialKey(t, v)));
        return new StoredPerson(
                storedId,
                PersonValues.of(r),
                credentials,
                Set.copyOf(r.assistance()),
                r.accountBalance(),
                r.openingVector());
    }

    @Test
    void aNewPersonIsInsertedWithItsAccountAndOpeningAccumulators() throws IOException {
        PersonPlan plan = PersonPlan.of(List.of(row(ROW)), Map.of());
        PersonChange ch = plan.changes().get(0);
        assertEquals(
                List.of(true, true, true, true, true, true),
                List.of(ch.isNew(), ch.writePerson(), ch.replaceCredentials(),
                        ch.replaceAssistance(), ch.openAccount(), ch.openAccumulators()));
        assertEquals(List.of(1, 0, 0, 1, 1),
                List.of(plan.inserted(), plan.updated(), plan.unchanged(), plan.accountsOpened(),
                        plan.accumulatorsOpened()));
    }

    @Test
    void aPersonStoredAsInTheFileIsUnchangedAndWritesNothing() throws IOException {
        Row r = row(ROW);
        PersonPlan plan = PersonPlan.of(List.of(r), Map.of("s1", storedAs(r, "s1")));
        assertFalse(plan.changes().get(0).writesAnything());
        assertEquals(List.of(0, 0, 1), List.of(plan.inserted(), plan.updated(), plan.unchanged()));
        assertEquals(List.of(), plan.warnings());
        assertEquals("s1", plan.changes().get(0).personId(), "the stored id's case is kept");
    }

    @Test
    void aChangedCredentialReplacesTheCredentialsOnly() throws IOException {
        Row stored = row(ROW);
        Row file = row(ROW.replace("EVAAAA", "EVBBBB"));
        PersonPlan plan = PersonPlan.of(List.of(file), Map.of("s1", storedAs(stored, "S1")));
        PersonChange ch = plan.changes().get(0);
        assertEquals(
                List.of(false, true, false, false, false),
                List.of(ch.writePerson(), ch.replaceCredentials(), ch.replaceAssistance(),
                        ch.openAccount(), ch.openAccumulators()));
        assertEquals(1, plan.updated());
    }

    @Test
    void anExistingBalanceIsNotResetAndTheDifferenceIsAWarning() throws IOException {
        Row r = row(ROW);
        StoredPerson s = storedAs(r, "S1");
        StoredPerson spent =
                new StoredPerson(s.personId(), s.values(), s.credentials(), s.assistance(), 400L,
                        s.accumulators());
        PersonPlan plan = PersonPlan.of(List.of(r), Map.of("s1", spent));
        assertFalse(plan.changes().get(0).openAccount());
        assertEquals(1, plan.unchanged());
        assertEquals(
                List.of("line 2: person S1 already has an account with balance 400 fen;"
                        + " account_balance 1000 fen in the file is not applied (an import never"
                        + " resets a balance)"),
                plan.warnings());
    }

    @Test
    void aPersonWithoutAnAccountGetsOne() throws IOException {
        Row r = row(ROW);
        StoredPerson s = storedAs(r, "S1");
        StoredPerson noAccount =
                new StoredPerson(s.personId(), s.values(), s.credentials(), s.assistance(), null,
                        s.accumulators());
        PersonPlan plan = PersonPlan.of(List.of(r), Map.of("s1", noAccount));
        assertTrue(plan.changes().get(0).openAccount());
        assertEquals(List.of(0, 1, 0, 1),
                List.of(plan.inserted(), plan.updated(), plan.unchanged(), plan.accountsOpened()));
    }

    @Test
    void storedAccumulatorsAreNeverOverwrittenAndADifferenceIsAWarning() throws IOException {
        Row r = row(ROW);
        StoredPerson s = storedAs(r, "S1");
        long[] moved = r.openingVector();
        moved[Accumulator.POOL_PAID.ordinal()] += 500;
        StoredPerson settled =
                new StoredPerson(s.personId(), s.values(), s.credentials(), s.assistance(),
                        s.balance(), moved);
        PersonPlan plan = PersonPlan.of(List.of(r), Map.of("s1", settled));
        assertFalse(plan.changes().get(0).openAccumulators());
        assertEquals(
                List.of("line 2: person S1 already has accumulators for WUHAI-EMPLOYEE 2026 that"
                        + " differ from opening_accumulators; they are left as they are"),
                plan.warnings());

        StoredPerson none =
                new StoredPerson(s.personId(), s.values(), s.credentials(), s.assistance(),
                        s.balance(), null);
        PersonPlan open = PersonPlan.of(List.of(r), Map.of("s1", none));
        assertTrue(open.changes().get(0).openAccumulators());
        assertEquals(1, open.accumulatorsOpened());
    }

    @Test
    void theReportAndTheAuditDetailCarryTheCounts() throws IOException {
        PersonPlan plan = PersonPlan.of(List.of(row(ROW)), Map.of());
        ImportReport report = plan.report("f.csv", 3);
        assertEquals(List.of(3, 1, 0, 0), List.of(report.rows(), report.inserted(),
                report.updated(), report.unchanged()));
        assertEquals(
                "rows=3 inserted=1 updated=0 unchanged=0 errors=0 warnings=0 accounts_opened=1"
                        + " accumulators_opened=1",
                plan.auditDetail(report));
    }
}

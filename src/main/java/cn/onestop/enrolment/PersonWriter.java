package cn.onestop.enrolment;

import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes the changes of a {@link PersonPlan} in the import's transaction, as JDBC batches of
 * {@value EnrolmentImport#CHUNK} rows: first the credentials and assistance identities that are
 * replaced are deleted (so that a credential moving between two persons of the file is free when
 * it is inserted), then, chunk by chunk, persons before the rows whose foreign keys point at them.
 */
final class PersonWriter {
    private static final String DELETE_CREDENTIALS = "DELETE FROM credentials WHERE person_id = ?";
    private static final String DELETE_ASSISTANCE =
            "DELETE FROM assistance_identities WHERE person_id = ?";
    private static final String UPSERT_PERSON =
            "INSERT INTO persons (person_id, name, plan, status, civil_servant, medical_care,"
                + " cr_disabled, arrears, benefit_start, birth_date, enrolled_on, student,"
                + " insuplc_admdvs) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name ="
                + " VALUES(name), plan = VALUES(plan), status = VALUES(status), civil_servant ="
                + " VALUES(civil_servant), medical_care = VALUES(medical_care), cr_disabled ="
                + " VALUES(cr_disabled), arrears = VALUES(arrears), benefit_start ="
                + " VALUES(benefit_start), birth_date = VALUES(birth_date), enrolled_on ="
                + " VALUES(enrolled_on), student = VALUES(student), insuplc_admdvs ="
                + " VALUES(insuplc_admdvs)";
    private static final String INSERT_CREDENTIAL =
            "INSERT INTO credentials (cert_type, cert_value, person_id) VALUES (?, ?, ?)";
    private static final String INSERT_ASSISTANCE =
            "INSERT INTO assistance_identities (person_id, category, valid_from, valid_to)"
                    + " VALUES (?, ?, ?, ?)";
    private static final String INSERT_ACCOUNT =
            "INSERT INTO accounts (person_id, balance) VALUES (?, ?)";
    private static final String INSERT_ACCOUNT_JOURNAL =
            "INSERT INTO account_journal (person_id, kind, amount, balance_after)"
                    + " VALUES (?, 'OPENING', ?, ?)";
    private static final String INSERT_ACCUMULATORS =
            "INSERT INTO accumulators (person_id, plan, year, "
                    + AccumulatorColumns.NAMES
                    + ") VALUES (?, ?, ?, "
                    + AccumulatorColumns.MARKS
                    + ")";
    private static final String INSERT_ACCUMULATOR_JOURNAL =
            "INSERT INTO accumulator_journal (person_id, plan, year, kind, "
                    + AccumulatorColumns.NAMES
                    + ") VALUES (?, ?, ?, 'OPENING', "
                    + AccumulatorColumns.MARKS
                    + ")";

    private final Batch persons;
    private final Batch credentials;
    private final Batch identities;
    private final Batch accounts;
    private final Batch accountEntries;
    private final Batch accumulators;
    private final Batch accumulatorEntries;

    private PersonWriter(
            PreparedStatement person,
            PreparedStatement credential,
            PreparedStatement assistance,
            PreparedStatement account,
            PreparedStatement accountJournal,
            PreparedStatement accumulator,
            PreparedStatement accumulatorJournal) {
        persons = new Batch(person);
        credentials = new Batch(credential);
        identities = new Batch(assistance);
        accounts = new Batch(account);
        accountEntries = new Batch(accountJournal);
        accumulators = new Batch(accumulator);
        accumulatorEntries = new Batch(accumulatorJournal);
    }

    /**
     * Writes {@code changes}, advancing {@code progress} by each batch of persons written.
     */
    static void write(Connection c, List<PersonChange> changes, Progress progress)
            throws SQLException {
        deleteReplaced(c, changes);
        try (PreparedStatement person = c.prepareStatement(UPSERT_PERSON);
                PreparedStatement credential = c.prepareStatement(INSERT_CREDENTIAL);
                PreparedStatement assistance = c.prepareStatement(INSERT_ASSISTANCE);
                PreparedStatement account = c.prepareStatement(INSERT_ACCOUNT);
                PreparedStatement accountJournal = c.prepareStatement(INSERT_ACCOUNT_JOURNAL);
                PreparedStatement accumulator = c.prepareStatement(INSERT_ACCUMULATORS);
                PreparedStatement accumulatorJournal =
                        c.prepareStatement(INSERT_ACCUMULATOR_JOURNAL)) {
            PersonWriter w =
                    new PersonWriter(
                            person,
                            credential,
                            assistance,
                            account,
                            accountJournal,
                            accumulator,
                            accumulatorJournal);
            for (List<PersonChange> chunk : Chunks.of(changes)) {
                for (PersonChange ch : chunk) {
                    w.add(ch);
                }
                w.flush();
                progress.advance(chunk.size());
            }
        }
    }

    private static void deleteReplaced(Connection c, List<PersonChange> changes)
            throws SQLException {
        try (PreparedStatement dc = c.prepareStatement(DELETE_CREDENTIALS);
                PreparedStatement da = c.prepareStatement(DELETE_ASSISTANCE)) {
            Batch credentials = new Batch(dc, EnrolmentImport.CHUNK);
            Batch identities = new Batch(da, EnrolmentImport.CHUNK);
            for (PersonChange ch : changes) {
                if (ch.isNew()) {
                    continue;
                }
                if (ch.replaceCredentials()) {
                    dc.setString(1, ch.personId());
                    credentials.add();
                }
                if (ch.replaceAssistance()) {
                    da.setString(1, ch.personId());
                    identities.add();
                }
            }
            credentials.flush();
            identities.flush();
        }
    }

    private void add(PersonChange ch) throws SQLException {
        Row r = ch.row();
        String id = ch.personId();
        if (ch.writePerson()) {
            bindPerson(persons.statement(), id, r);
            persons.add();
        }
        if (ch.replaceCredentials()) {
            addCredentials(id, r.credentials());
        }
        if (ch.replaceAssistance()) {
            addAssistance(id, r.assistance());
        }
        if (ch.openAccount()) {
            addAccount(id, r.accountBalance());
        }
        if (ch.openAccumulators()) {
            long[] v = r.openingVector();
            bindAccumulators(accumulators.statement(), id, r, v);
            accumulators.add();
            bindAccumulators(accumulatorEntries.statement(), id, r, v);
            accumulatorEntries.add();
        }
    }

    /** Executes the pending rows, parents first: the foreign keys point at persons. */
    private void flush() throws SQLException {
        persons.flush();
        credentials.flush();
        identities.flush();
        accounts.flush();
        accountEntries.flush();
        accumulators.flush();
        accumulatorEntries.flush();
    }

    private void addCredentials(String id, Map<Integer, String> given) throws SQLException {
        PreparedStatement ps = credentials.statement();
        for (Map.Entry<Integer, String> e : given.entrySet()) {
            ps.setInt(1, e.getKey());
            ps.setString(2, e.getValue());
            ps.setString(3, id);
            credentials.add();
        }
    }

    private void addAssistance(String id, List<Assistance> given) throws SQLException {
        PreparedStatement ps = identities.statement();
        for (Assistance x : given) {
            ps.setString(1, id);
            ps.setString(2, x.category().name());
            ps.setObject(3, x.from());
            setDate(ps, 4, x.to());
            identities.add();
        }
    }

    private void addAccount(String id, long balance) throws SQLException {
        PreparedStatement account = accounts.statement();
        account.setString(1, id);
        account.setLong(2, balance);
        accounts.add();
        PreparedStatement journal = accountEntries.statement();
        journal.setString(1, id);
        journal.setLong(2, balance);
        journal.setLong(3, balance);
        accountEntries.add();
    }

    private static void bindPerson(PreparedStatement ps, String id, Row r) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, r.name());
        ps.setString(3, r.plan());
        ps.setString(4, r.status().name());
        ps.setBoolean(5, r.civilServant());
        ps.setBoolean(6, r.medicalCare());
        ps.setString(7, r.crDisabled().name());
        ps.setBoolean(8, r.arrears());
        setDate(ps, 9, r.benefitStart());
        setDate(ps, 10, r.birthDate());
        setDate(ps, 11, r.enrolledOn());
        ps.setBoolean(12, r.student());
        ps.setString(13, r.insuredRegion());
    }

    private static void bindAccumulators(PreparedStatement ps, String id, Row r, long[] v)
            throws SQLException {
        ps.setString(1, id);
        ps.setString(2, r.plan());
        ps.setInt(3, r.openingYear());
        for (int i = 0; i < v.length; i++) {
            ps.setLong(4 + i, v[i]);
        }
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, d);
        }
    }
}

package cn.onestop.enrolment;

import cn.onestop.kernel.ImportReport;

import cn.onestop.kernel.RowError;

import java.util.TreeMap;
import cn.onestop.rules.RuleBook;
import cn.onestop.db.InTransaction;
import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.audit.AuditTrail;
import cn.onestop.csv.Values;
import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Imports enrolled persons from the {@link PersonCsv} format: idempotent and all-or-nothing.
 *
 * <p>Every record is validated first (field formats, the status against the plan's scheme,
 * duplicate person_ids and credentials in the file, credentials already owned by another person in
 * the ledger). If any record is bad, every problem is reported with its line and field and nothing
 * is written. Otherwise, in ONE transaction:
 *
 * <ul>
 *   <li>persons are inserted or updated ({@code INSERT … ON DUPLICATE KEY UPDATE}); a person
 *       identical to what is stored is not written at all;
 *   <li>a person's credentials and assistance identities are replaced by the file's (only when they
 *       differ); persons not in the file are left alone;
 *   <li>a person without an account gets one with the file's account_balance and an {@code OPENING}
 *       account_journal entry; an existing account is never touched (a different balance in the
 *       file gives a warning naming the line);
 *   <li>with opening_year and opening_accumulators, the accumulators row (person, plan, year) is
 *       created with an {@code OPENING} accumulator_journal entry only if it does not exist yet; an
 *       existing row with other values gives a warning and is left as it is;
 *   <li>an {@code IMPORT_PERSONS} audit_log row (subject = source, detail = the counts).
 * </ul>
 *
 * <p>Counts: {@code inserted} = new persons; {@code updated} = existing persons for whom something
 * was written; {@code unchanged} = existing persons identical to the file (person row, credentials,
 * assistance, account present, opening accumulators present). Importing the same file twice: the
 * second report has every person unchanged and writes only the audit row.
 *
 * <p>Writes are JDBC batches of {@value #CHUNK} rows; {@code progress} (optional) receives the
 * number of records written every {@value #PROGRESS_EVERY} records and once at the end. Comparisons
 * of person_id and credential values ignore case, as the ledger's collation does.
 */
public final class EnrolmentImport {
    /** The audit_log action. */
    public static final String ACTION = "IMPORT_PERSONS";

    static final int CHUNK = 1000;
    static final int PROGRESS_EVERY = 10_000;

    private static final String ACC_COLUMNS;
    private static final String ACC_MARKS;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            cols.add(a.key());
            marks.add("?");
        }
        ACC_COLUMNS = cols.toString();
        ACC_MARKS = marks.toString();
    }

    private static final String UPSERT_PERSON =
            "INSERT INTO persons (person_id, name, plan, status, civil_servant, medical_care,"
                + " cr_disabled, arrears, benefit_start, birth_date, enrolled_on, student) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name ="
                + " VALUES(name), plan = VALUES(plan), status = VALUES(status), civil_servant ="
                + " VALUES(civil_servant), medical_care = VALUES(medical_care), cr_disabled ="
                + " VALUES(cr_disabled), arrears = VALUES(arrears), benefit_start ="
                + " VALUES(benefit_start), birth_date = VALUES(birth_date), enrolled_on ="
                + " VALUES(enrolled_on), student = VALUES(student)";

    private final DataSource dataSource;
    private final PersonCsv csv;

    /**
     * @param dataSource the ledger
     * @param planScheme every known plan → {@code "EMPLOYEE"} or {@code "RESIDENT"}
     */
    public EnrolmentImport(DataSource dataSource, Map<String, String> planScheme) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.csv = new PersonCsv(planScheme);
    }

    /** An import for the plans of {@code rules}: a person may join any plan it has a version of. */
    public static EnrolmentImport forPlans(DataSource dataSource, RuleBook rules) {
        Map<String, String> schemes = new TreeMap<>();
        rules.plans().forEach((plan, scheme) -> schemes.put(plan, scheme.name()));
        return new EnrolmentImport(dataSource, schemes);
    }

    /** Imports a UTF-8 file; the source is its file name. */
    public ImportReport importPersons(Path file) throws IOException, SQLException {
        return importPersons(file, null);
    }

    /** Imports a UTF-8 file with progress reports; the source is its file name. */
    public ImportReport importPersons(Path file, LongConsumer progress)
            throws IOException, SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importPersons(String.valueOf(file.getFileName()), r, progress);
        }
    }

    /**
     * Imports persons from {@code in}.
     *
     * @param source names the import in the report and the audit log (e.g. the file name)
     * @param progress receives the number of records written so far; may be null
     * @throws IOException the input cannot be read
     * @throws SQLException the ledger failed (nothing was written)
     */
    public ImportReport importPersons(String source, Reader in, LongConsumer progress)
            throws IOException, SQLException {
        PersonCsv.Parsed parsed = csv.read(in);
        return Retrying.run(() -> apply(source, parsed, progress));
    }

    // ------------------------------------------------------------------------------------------

    private record Stored(
            String personId,
            PersonValues values,
            Set<String> credentials,
            Set<Assistance> assistance,
            Long balance,
            long[] accumulators) {}

    /** The persons columns that an import sets. */
    private record PersonValues(
            String name,
            String plan,
            String status,
            boolean civilServant,
            boolean medicalCare,
            String crDisabled,
            boolean arrears,
            LocalDate benefitStart,
            LocalDate birthDate,
            LocalDate enrolledOn,
            boolean student) {
        static PersonValues of(Row r) {
            return new PersonValues(
                    r.name(),
                    r.plan(),
                    r.status().name(),
                    r.civilServant(),
                    r.medicalCare(),
                    r.crDisabled().name(),
                    r.arrears(),
                    r.benefitStart(),
                    r.birthDate(),
                    r.enrolledOn(),
                    r.student());
        }
    }

    /** What to do for one record. */
    private record Action(
            Row row,
            String personId,
            boolean isNew,
            boolean writePerson,
            boolean replaceCredentials,
            boolean replaceAssistance,
            boolean openAccount,
            boolean openAccumulators) {
        boolean writesAnything() {
            return writePerson
                    || replaceCredentials
                    || replaceAssistance
                    || openAccount
                    || openAccumulators;
        }
    }

    private ImportReport apply(String source, PersonCsv.Parsed parsed, LongConsumer progress)
            throws SQLException {
        List<Row> rows = parsed.rows();
        return InTransaction.run(dataSource, c -> {
            Map<String, Stored> stored = load(c, rows);
            List<RowError> errors = new ArrayList<>(parsed.errors());
            errors.addAll(credentialOwners(c, rows));
            if (!errors.isEmpty()) {
                c.rollback();
                errors.sort(Comparator.comparingLong(RowError::line));
                return ImportReport.refused(source, parsed.records(), errors);
            }
            List<String> warnings = new ArrayList<>();
            List<Action> actions = new ArrayList<>(rows.size());
            int inserted = 0;
            int updated = 0;
            int unchanged = 0;
            int accounts = 0;
            int openings = 0;
            for (Row r : rows) {
                Action a = plan(r, stored.get(Keys.key(r.personId())), warnings);
                actions.add(a);
                if (a.isNew()) {
                    inserted++;
                } else if (a.writesAnything()) {
                    updated++;
                } else {
                    unchanged++;
                }
                accounts += a.openAccount() ? 1 : 0;
                openings += a.openAccumulators() ? 1 : 0;
            }
            write(c, actions, progress);
            ImportReport report =
                    new ImportReport(
                            source,
                            parsed.records(),
                            inserted,
                            updated,
                            unchanged,
                            List.of(),
                            warnings);
            AuditTrail.record(
                    c,
                    ACTION,
                    source,
                    report.summary()
                            + " accounts_opened="
                            + accounts
                            + " accumulators_opened="
                            + openings);
            return report;
        });
    }

    private static Action plan(Row r, Stored s, List<String> warnings) {
        Set<String> credentials = new HashSet<>();
        r.credentials().forEach((t, v) -> credentials.add(Keys.credentialKey(t, v)));
        Set<Assistance> assistance = new HashSet<>(r.assistance());
        if (s == null) {
            return new Action(
                    r,
                    r.personId(),
                    true,
                    true,
                    !credentials.isEmpty(),
                    !assistance.isEmpty(),
                    true,
                    r.hasOpening());
        }
        boolean writePerson = !PersonValues.of(r).equals(s.values());
        boolean replaceCredentials = !credentials.equals(s.credentials());
        boolean replaceAssistance = !assistance.equals(s.assistance());
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
        boolean openAccumulators = false;
        if (r.hasOpening()) {
            if (s.accumulators() == null) {
                openAccumulators = true;
            } else if (!Arrays.equals(s.accumulators(), r.openingVector())) {
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
        }
        return new Action(
                r,
                s.personId(),
                false,
                writePerson,
                replaceCredentials,
                replaceAssistance,
                openAccount,
                openAccumulators);
    }

    // ------------------------------------------------------------------------------------------
    // Reading what is stored.

    private static Map<String, Stored> load(Connection c, List<Row> rows) throws SQLException {
        Map<String, Stored> out = new HashMap<>(rows.size() * 2);
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            Map<String, Row> byKey = new HashMap<>();
            for (Row r : chunk) {
                byKey.put(Keys.key(r.personId()), r);
            }
            String in = Chunks.marks(chunk.size());
            Map<String, String> ids = new HashMap<>();
            Map<String, PersonValues> persons = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT person_id, name, plan, status, civil_servant, medical_care,"
                                + " cr_disabled, arrears, benefit_start, birth_date, enrolled_on,"
                                + " student FROM persons WHERE person_id IN ("
                                    + in
                                    + ")")) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        ids.put(Keys.key(id), id);
                        persons.put(
                                Keys.key(id),
                                new PersonValues(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getBoolean(5),
                                        rs.getBoolean(6),
                                        rs.getString(7),
                                        rs.getBoolean(8),
                                        rs.getObject(9, LocalDate.class),
                                        rs.getObject(10, LocalDate.class),
                                        rs.getObject(11, LocalDate.class),
                                        rs.getBoolean(12)));
                    }
                }
            }
            if (persons.isEmpty()) {
                continue;
            }
            Map<String, Set<String>> credentials = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT person_id, cert_type, cert_value FROM credentials WHERE"
                                + " person_id IN ("
                                    + in
                                    + ")")) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        credentials
                                .computeIfAbsent(Keys.key(rs.getString(1)), k -> new HashSet<>())
                                .add(Keys.credentialKey(rs.getInt(2), rs.getString(3)));
                    }
                }
            }
            Map<String, Set<Assistance>> assistance = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT person_id, category, valid_from, valid_to"
                                    + " FROM assistance_identities WHERE person_id IN ("
                                    + in
                                    + ")")) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AssistanceCategory cat =
                                Values.constant(AssistanceCategory.class, rs.getString(2));
                        assistance
                                .computeIfAbsent(Keys.key(rs.getString(1)), k -> new HashSet<>())
                                .add(
                                        new Assistance(
                                                cat,
                                                rs.getObject(3, LocalDate.class),
                                                rs.getObject(4, LocalDate.class)));
                    }
                }
            }
            Map<String, Long> balances = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT person_id, balance FROM accounts WHERE person_id IN ("
                                    + in
                                    + ")")) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        balances.put(Keys.key(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            Map<String, long[]> accumulators = new HashMap<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT person_id, plan, year, "
                                    + ACC_COLUMNS
                                    + " FROM accumulators WHERE person_id IN ("
                                    + in
                                    + ")")) {
                bindIds(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String k = Keys.key(rs.getString(1));
                        Row r = byKey.get(k);
                        if (r == null
                                || !r.hasOpening()
                                || !r.plan().equals(rs.getString(2))
                                || r.openingYear() != rs.getInt(3)) {
                            continue;
                        }
                        long[] v = new long[Accumulator.count()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = rs.getLong(4 + i);
                        }
                        accumulators.put(k, v);
                    }
                }
            }
            for (Map.Entry<String, PersonValues> e : persons.entrySet()) {
                String k = e.getKey();
                out.put(
                        k,
                        new Stored(
                                ids.get(k),
                                e.getValue(),
                                credentials.getOrDefault(k, Set.of()),
                                assistance.getOrDefault(k, Set.of()),
                                balances.get(k),
                                accumulators.get(k)));
            }
        }
        return out;
    }

    /** Credentials in the file that the ledger gives to a person who is not in the file. */
    private static List<RowError> credentialOwners(Connection c, List<Row> rows)
            throws SQLException {
        Set<String> inFile = new HashSet<>(rows.size() * 2);
        for (Row r : rows) {
            inFile.add(Keys.key(r.personId()));
        }
        List<RowError> errors = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            List<Row> with = new ArrayList<>();
            for (Row r : rows) {
                if (r.credentials().containsKey(t)) {
                    with.add(r);
                }
            }
            for (int from = 0; from < with.size(); from += CHUNK) {
                List<Row> chunk = with.subList(from, Math.min(with.size(), from + CHUNK));
                Map<String, String> owners = new HashMap<>();
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT cert_value, person_id FROM credentials"
                                        + " WHERE cert_type = ? AND cert_value IN ("
                                        + Chunks.marks(chunk.size())
                                        + ")")) {
                    ps.setInt(1, t);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(2 + i, chunk.get(i).credentials().get(t));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            owners.put(Keys.key(rs.getString(1)), rs.getString(2));
                        }
                    }
                }
                for (Row r : chunk) {
                    String owner = owners.get(Keys.key(r.credentials().get(t)));
                    if (owner != null
                            && !Keys.key(owner).equals(Keys.key(r.personId()))
                            && !inFile.contains(Keys.key(owner))) {
                        String col = PersonCsv.CREDENTIAL_COLUMNS.get(t - 1);
                        errors.add(
                                new RowError(
                                        r.line(),
                                        col,
                                        col
                                                + " "
                                                + r.credentials().get(t)
                                                + " already belongs to person "
                                                + owner
                                                + " in the ledger"));
                    }
                }
            }
        }
        return errors;
    }

    // ------------------------------------------------------------------------------------------
    // Writing.

    private static void write(Connection c, List<Action> actions, LongConsumer progress)
            throws SQLException {
        // First take away every credential and assistance identity that is replaced, so that a
        // credential moving from one person in the file to another is free when it is inserted.
        try (PreparedStatement dc =
                        c.prepareStatement("DELETE FROM credentials WHERE person_id = ?");
                PreparedStatement da =
                        c.prepareStatement(
                                "DELETE FROM assistance_identities WHERE person_id = ?")) {
            int nc = 0;
            int na = 0;
            for (Action a : actions) {
                if (a.isNew()) {
                    continue;
                }
                if (a.replaceCredentials()) {
                    dc.setString(1, a.personId());
                    dc.addBatch();
                    if (++nc % CHUNK == 0) {
                        dc.executeBatch();
                    }
                }
                if (a.replaceAssistance()) {
                    da.setString(1, a.personId());
                    da.addBatch();
                    if (++na % CHUNK == 0) {
                        da.executeBatch();
                    }
                }
            }
            if (nc % CHUNK != 0) {
                dc.executeBatch();
            }
            if (na % CHUNK != 0) {
                da.executeBatch();
            }
        }
        try (PreparedStatement person = c.prepareStatement(UPSERT_PERSON);
                PreparedStatement credential =
                        c.prepareStatement(
                                "INSERT INTO credentials (cert_type, cert_value, person_id) VALUES"
                                    + " (?, ?, ?)");
                PreparedStatement assistance =
                        c.prepareStatement(
                                "INSERT INTO assistance_identities (person_id, category,"
                                    + " valid_from, valid_to) VALUES (?, ?, ?, ?)");
                PreparedStatement account =
                        c.prepareStatement(
                                "INSERT INTO accounts (person_id, balance) VALUES (?, ?)");
                PreparedStatement accountJournal =
                        c.prepareStatement(
                                "INSERT INTO account_journal (person_id, kind, amount,"
                                    + " balance_after) VALUES (?, 'OPENING', ?, ?)");
                PreparedStatement accumulators =
                        c.prepareStatement(
                                "INSERT INTO accumulators (person_id, plan, year, "
                                        + ACC_COLUMNS
                                        + ") VALUES (?, ?, ?, "
                                        + ACC_MARKS
                                        + ")");
                PreparedStatement accumulatorJournal =
                        c.prepareStatement(
                                "INSERT INTO accumulator_journal"
                                        + " (person_id, plan, year, kind, "
                                        + ACC_COLUMNS
                                        + ") VALUES (?, ?, ?, 'OPENING', "
                                        + ACC_MARKS
                                        + ")")) {
            Batch persons = new Batch(person);
            Batch credentials = new Batch(credential);
            Batch identities = new Batch(assistance);
            Batch accounts = new Batch(account);
            Batch accountEntries = new Batch(accountJournal);
            Batch rows = new Batch(accumulators);
            Batch rowEntries = new Batch(accumulatorJournal);
            long done = 0;
            for (int from = 0; from < actions.size(); from += CHUNK) {
                List<Action> chunk = actions.subList(from, Math.min(actions.size(), from + CHUNK));
                for (Action a : chunk) {
                    Row r = a.row();
                    String id = a.personId();
                    if (a.writePerson()) {
                        bindPerson(person, id, r);
                        persons.add();
                    }
                    if (a.replaceCredentials()) {
                        for (Map.Entry<Integer, String> e : r.credentials().entrySet()) {
                            credential.setInt(1, e.getKey());
                            credential.setString(2, e.getValue());
                            credential.setString(3, id);
                            credentials.add();
                        }
                    }
                    if (a.replaceAssistance()) {
                        for (Assistance x : r.assistance()) {
                            assistance.setString(1, id);
                            assistance.setString(2, x.category().name());
                            assistance.setObject(3, x.from());
                            if (x.to() == null) {
                                assistance.setNull(4, Types.DATE);
                            } else {
                                assistance.setObject(4, x.to());
                            }
                            identities.add();
                        }
                    }
                    if (a.openAccount()) {
                        account.setString(1, id);
                        account.setLong(2, r.accountBalance());
                        accounts.add();
                        accountJournal.setString(1, id);
                        accountJournal.setLong(2, r.accountBalance());
                        accountJournal.setLong(3, r.accountBalance());
                        accountEntries.add();
                    }
                    if (a.openAccumulators()) {
                        long[] v = r.openingVector();
                        bindAccumulators(accumulators, id, r, v);
                        rows.add();
                        bindAccumulators(accumulatorJournal, id, r, v);
                        rowEntries.add();
                    }
                }
                // parents first: the foreign keys point at persons
                persons.flush();
                credentials.flush();
                identities.flush();
                accounts.flush();
                accountEntries.flush();
                rows.flush();
                rowEntries.flush();
                long before = done;
                done += chunk.size();
                if (progress != null
                        && (done / PROGRESS_EVERY != before / PROGRESS_EVERY
                                || done == actions.size())) {
                    progress.accept(done);
                }
            }
        }
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

    private static void bindIds(PreparedStatement ps, List<Row> chunk) throws SQLException {
        for (int i = 0; i < chunk.size(); i++) {
            ps.setString(1 + i, chunk.get(i).personId());
        }
    }
}

package cn.onestop.enrolment;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import cn.onestop.db.InTransaction;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.Progress;
import cn.onestop.kernel.RowError;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.RuleBook;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * <p>Writes are JDBC batches of {@value #CHUNK} rows; {@code progress} (optional) is told the number
 * of persons to write and each batch written. Comparisons of person_id and credential values
 * ignore case, as the ledger's collation does.
 *
 * <p>The pieces: {@link PersonCsv} reads and validates the file; in the transaction {@code
 * StoredPersons} reads what the ledger holds for its persons and {@code CredentialOwners} finds
 * credentials owned by others, {@code PersonPlan} decides what changes (and warns), {@code
 * PersonWriter} writes it; a transaction that loses to a concurrent one is redone ({@code
 * cn.onestop.db.Transactions}).
 */
public final class EnrolmentImport {
    /** The audit_log action. */
    public static final String ACTION = "IMPORT_PERSONS";

    static final int CHUNK = 1000;

    private final DataSource dataSource;
    private final PersonCsv csv;
    private final Caller by;

    /**
     * @param dataSource the ledger
     * @param planScheme every known plan → {@code "EMPLOYEE"} or {@code "RESIDENT"}
     * @param planRegions plan → the insured region of its persons when the file gives none
     */
    public EnrolmentImport(DataSource dataSource, Map<String, String> planScheme, Map<String, String> planRegions) {
        this(dataSource, new PersonCsv(planScheme, planRegions), Caller.local("import"));
    }

    private EnrolmentImport(DataSource dataSource, PersonCsv csv, Caller by) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.csv = csv;
        this.by = by;
    }

    /** The same import made by {@code caller} (in the audit trail); only an administrator of the centre may. */
    public EnrolmentImport by(Caller caller) {
        caller.unless("import persons", Role.CENTRE_ADMIN).ifPresent(f -> {
            throw new SecurityException(f.message());
        });
        return new EnrolmentImport(dataSource, csv, caller);
    }

    /**
     * An import for the plans of {@code rules}: a person may join any plan it has a version of; a
     * person's insured region defaults to the plan's in the newest centre rules.
     */
    public static EnrolmentImport forPlans(DataSource dataSource, RuleBook rules) {
        Map<String, String> schemes = new TreeMap<>();
        rules.plans().forEach((plan, scheme) -> schemes.put(plan, scheme.name()));
        CentreRules centre = rules.latestCentre();
        return new EnrolmentImport(dataSource, schemes, centre == null ? Map.of() : centre.insuredRegionByPlan());
    }

    /** Imports a UTF-8 file; the source is its file name. */
    public ImportReport importPersons(Path file) throws IOException, SQLException {
        return importPersons(file, Progress.NONE);
    }

    /** Imports a UTF-8 file with progress reports; the source is its file name. */
    public ImportReport importPersons(Path file, Progress progress)
            throws IOException, SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importPersons(String.valueOf(file.getFileName()), r, progress);
        }
    }

    /**
     * Imports persons from {@code in}.
     *
     * @param source names the import in the report and the audit log (e.g. the file name)
     * @param progress told how many persons are written, as they are; may be null
     * @throws IOException the input cannot be read
     * @throws SQLException the ledger failed (nothing was written)
     */
    public ImportReport importPersons(String source, Reader in, Progress progress)
            throws IOException, SQLException {
        PersonCsv.Parsed parsed = csv.read(in);
        return apply(source, parsed, Progress.orNone(progress));
    }

    private ImportReport apply(String source, PersonCsv.Parsed parsed, Progress progress)
            throws SQLException {
        List<Row> rows = parsed.rows();
        return InTransaction.run(dataSource, c -> {
            Map<String, StoredPerson> stored = StoredPersons.load(c, rows);
            List<RowError> errors = new ArrayList<>(parsed.errors());
            errors.addAll(CredentialOwners.check(c, rows));
            if (!errors.isEmpty()) {
                c.rollback();
                errors.sort(Comparator.comparingLong(RowError::line));
                return ImportReport.refused(source, parsed.records(), errors);
            }
            PersonPlan plan = PersonPlan.of(rows, stored);
            progress.start(source + ": writing persons", plan.changes().size());
            PersonWriter.write(c, plan.changes(), progress);
            progress.done();
            ImportReport report = plan.report(source, parsed.records());
            if (report.inserted() + report.updated() > 0) {
                EnrolmentGeneration.bump(c);
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, ACTION, source, plan.auditDetail(report))));
            return report;
        });
    }
}

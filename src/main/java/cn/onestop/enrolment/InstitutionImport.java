package cn.onestop.enrolment;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import cn.onestop.db.InTransaction;
import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.Progress;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Imports designated institutions (定点医药机构) from CSV: idempotent and all-or-nothing, like {@link
 * EnrolmentImport}.
 *
 * <p>Same CSV conventions as {@link PersonCsv} (UTF-8, header naming every column once, any order,
 * trimmed values, booleans true/false with empty = false). Columns:
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>code</td><td>text, required, ≤ 32, no spaces</td><td>定点医药机构编号, e.g. H15010500001 / P15030300001; unique in the file</td></tr>
 *   <tr><td>name</td><td>text, required, ≤ 200</td><td>name</td></tr>
 *   <tr><td>level</td><td>0..3</td><td>医院等级; 0 = pharmacy / unrated</td></tr>
 *   <tr><td>grade</td><td>SPECIAL / A / B / C / NONE</td><td>特等 / 甲 / 乙 / 丙 / 无等</td></tr>
 *   <tr><td>kind</td><td>HOSPITAL / PRIMARY / PHARMACY</td><td>PHARMACY if and only if level 0</td></tr>
 *   <tr><td>tcm</td><td>boolean</td><td>TCM or Mongolian-medicine institution (中医/蒙医)</td></tr>
 *   <tr><td>dual_channel</td><td>boolean</td><td>双通道 pharmacy (only kind PHARMACY)</td></tr>
 *   <tr><td>outpatient_pooling</td><td>boolean</td><td>门诊统筹定点 (W §16)</td></tr>
 *   <tr><td>region</td><td>optional column; 6 digits</td><td>catalog region (就医地) whose catalog classifies
 *       the institution's coded bill lines; empty or column absent: derived from the code, see {@link
 *       #regionOf}</td></tr>
 * </table>
 *
 * <p>Valid file: in one transaction, new codes are inserted, changed ones updated ({@code INSERT …
 * ON DUPLICATE KEY UPDATE}), identical ones not written; institutions not in the file are left
 * alone; an {@code IMPORT_INSTITUTIONS} audit_log row is written. Any bad record: every problem is
 * reported and nothing is written.
 *
 * <p>The pieces: {@code InstitutionRows} reads and validates the file, {@code InstitutionPlan}
 * compares it with the ledger, {@code InstitutionWriter} writes the plan.
 */
public final class InstitutionImport {
    /** The audit_log action. */
    public static final String ACTION = "IMPORT_INSTITUTIONS";

    /** The columns, in the documented order. */
    public static final List<String> COLUMNS =
            List.of(
                    "code",
                    "name",
                    "level",
                    "grade",
                    "kind",
                    "tcm",
                    "dual_channel",
                    "outpatient_pooling");

    /** Columns the header may leave out. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("region");

    private static final Pattern REGION_IN_CODE = Pattern.compile("[A-Za-z](\\d{4})\\d{2}.*");

    /** One valid record. */
    public record Row(
            long line,
            String code,
            String name,
            int level,
            Grade grade,
            InstitutionKind kind,
            boolean tcm,
            boolean dualChannel,
            boolean outpatientPooling,
            String region) {
        InstitutionValues values() {
            return new InstitutionValues(
                    name, level, grade.name(), kind.name(), tcm, dualChannel, outpatientPooling,
                    region);
        }
    }

    /**
     * The catalog region of an institution code: national codes are a letter, the 6-digit region
     * code of the county, then a serial; characters 2..5 followed by {@code 00} give the
     * prefecture-level region ({@code H15010500001} → {@code 150100}). The database derives rows
     * inserted without a region the same way. Null when the code does not have that form.
     */
    public static String regionOf(String code) {
        var m = REGION_IN_CODE.matcher(code);
        return m.matches() ? m.group(1) + "00" : null;
    }

    private final DataSource dataSource;
    private final Caller by;

    /** The same import made by {@code caller} (in the audit trail); only an administrator of the centre may. */
    public InstitutionImport by(Caller caller) {
        caller.unless("import institutions", Role.CENTRE_ADMIN).ifPresent(f -> {
            throw new SecurityException(f.message());
        });
        return new InstitutionImport(dataSource, caller);
    }

    public InstitutionImport(DataSource dataSource) {
        this(dataSource, Caller.local("import"));
    }

    private InstitutionImport(DataSource dataSource, Caller by) {
        this.by = by;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Imports a UTF-8 file; the source is its file name. */
    public ImportReport importInstitutions(Path file) throws IOException, SQLException {
        return importInstitutions(file, Progress.NONE);
    }

    /** Imports a UTF-8 file with progress reports; the source is its file name. */
    public ImportReport importInstitutions(Path file, Progress progress) throws IOException, SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importInstitutions(String.valueOf(file.getFileName()), r, progress);
        }
    }

    /**
     * Imports institutions from {@code in}.
     *
     * @param source names the import in the report and the audit log
     * @throws IOException the input cannot be read
     * @throws SQLException the ledger failed (nothing was written)
     */
    public ImportReport importInstitutions(String source, Reader in)
            throws IOException, SQLException {
        return importInstitutions(source, in, Progress.NONE);
    }

    /**
     * Imports institutions from {@code in}, telling {@code progress} (may be null) how many are
     * written, as they are.
     */
    public ImportReport importInstitutions(String source, Reader in, Progress progress)
            throws IOException, SQLException {
        InstitutionRows.Parsed parsed = InstitutionRows.read(in);
        if (!parsed.errors().isEmpty()) {
            return ImportReport.refused(source, parsed.records(), parsed.errors());
        }
        return apply(source, parsed, Progress.orNone(progress));
    }

    private ImportReport apply(String source, InstitutionRows.Parsed parsed, Progress progress)
            throws SQLException {
        return InTransaction.run(dataSource, c -> {
            InstitutionPlan plan = InstitutionPlan.against(c, parsed.rows());
            progress.start(source + ": writing institutions", plan.upserts().size());
            InstitutionWriter.write(c, plan.upserts(), progress);
            progress.done();
            ImportReport report =
                    new ImportReport(
                            source,
                            parsed.records(),
                            plan.inserted(),
                            plan.updated(),
                            plan.unchanged(),
                            List.of(),
                            List.of());
            if (report.inserted() + report.updated() > 0) {
                EnrolmentGeneration.bump(c);
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, ACTION, source, report.summary())));
            return report;
        });
    }
}

package cn.onestop.enrolment;

import cn.onestop.kernel.ImportReport;

import cn.onestop.kernel.RowError;

import cn.onestop.db.InTransaction;
import cn.onestop.enrolment.PersonCsv.Cells;
import cn.onestop.audit.AuditTrail;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final Pattern NO_SPACE = Pattern.compile("\\S+");
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern REGION_IN_CODE = Pattern.compile("[A-Za-z](\\d{4})\\d{2}.*");
    private static final int ATTEMPTS = 3;

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
        Values values() {
            return new Values(
                    name, level, grade.name(), kind.name(), tcm, dualChannel, outpatientPooling,
                    region);
        }
    }

    private record Values(
            String name,
            int level,
            String grade,
            String kind,
            boolean tcm,
            boolean dualChannel,
            boolean outpatientPooling,
            String region) {}

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

    public InstitutionImport(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Imports a UTF-8 file; the source is its file name. */
    public ImportReport importInstitutions(Path file) throws IOException, SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importInstitutions(String.valueOf(file.getFileName()), r);
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
        List<RowError> errors = new ArrayList<>();
        List<PersonCsv.Record> records =
                PersonCsv.readRecords(in, COLUMNS, OPTIONAL_COLUMNS, errors);
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (PersonCsv.Record rec : records) {
            if (rec.values() == null) {
                continue; // wrong number of fields: already reported
            }
            Cells c = new Cells(rec, errors);
            Row row = parse(c);
            String code = rec.get("code");
            if (!code.isEmpty()) {
                Long first = seen.putIfAbsent(EnrolmentImport.key(code), rec.line());
                if (first != null) {
                    c.error("code", "duplicate code " + code + " (first on line " + first + ")");
                }
            }
            if (row != null && !c.failed()) {
                rows.add(row);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingLong(RowError::line));
            return ImportReport.refused(source, records.size(), errors);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return apply(source, records.size(), rows);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !EnrolmentImport.retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static Row parse(Cells c) {
        String code = c.text("code", true, 32);
        if (code != null && !NO_SPACE.matcher(code).matches()) {
            c.error("code", "must not contain spaces");
        }
        String name = c.text("name", true, 200);
        int level = c.intRange("level", 0, 3);
        Grade grade = c.enumValue("grade", Grade.class, null);
        if (grade == null && c.get("grade").isEmpty()) {
            c.error("grade", "is required (SPECIAL, A, B, C or NONE)");
        }
        InstitutionKind kind = c.enumValue("kind", InstitutionKind.class, null);
        if (kind == null && c.get("kind").isEmpty()) {
            c.error("kind", "is required (HOSPITAL, PRIMARY or PHARMACY)");
        }
        boolean tcm = c.bool("tcm");
        boolean dual = c.bool("dual_channel");
        boolean pooling = c.bool("outpatient_pooling");
        String region = c.get("region");
        if (region.isEmpty()) {
            region = code == null ? null : regionOf(code);
            if (region == null && code != null) {
                c.error(
                        "region",
                        "is required: it cannot be derived from code "
                                + code
                                + " (a letter and six region digits first)");
            }
        } else if (!REGION.matcher(region).matches()) {
            c.error("region", "must be six digits (e.g. 150100), got \"" + region + "\"");
        }
        if (kind != null && !c.failed()) {
            if (kind == InstitutionKind.PHARMACY && level != 0) {
                c.error("level", "a pharmacy has level 0, got " + level);
            } else if (kind != InstitutionKind.PHARMACY && level == 0) {
                c.error("level", "level 0 is for pharmacies; a " + kind + " has level 1..3");
            }
            if (dual && kind != InstitutionKind.PHARMACY) {
                c.error("dual_channel", "only a pharmacy can be dual-channel (双通道)");
            }
        }
        if (c.failed()) {
            return null;
        }
        return new Row(c.line(), code, name, level, grade, kind, tcm, dual, pooling, region);
    }

    private ImportReport apply(String source, int records, List<Row> rows) throws SQLException {
        return InTransaction.run(dataSource, c -> {
            Map<String, Values> stored = new HashMap<>();
            Map<String, String> codes = new HashMap<>();
            for (int from = 0; from < rows.size(); from += EnrolmentImport.CHUNK) {
                List<Row> chunk =
                        rows.subList(from, Math.min(rows.size(), from + EnrolmentImport.CHUNK));
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT code, name, level, grade, kind, tcm, dual_channel,"
                                    + " outpatient_pooling, region FROM institutions WHERE code"
                                    + " IN ("
                                        + EnrolmentImport.marks(chunk.size())
                                        + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(1 + i, chunk.get(i).code());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String k = EnrolmentImport.key(rs.getString(1));
                            codes.put(k, rs.getString(1));
                            stored.put(
                                    k,
                                    new Values(
                                            rs.getString(2),
                                            rs.getInt(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getBoolean(6),
                                            rs.getBoolean(7),
                                            rs.getBoolean(8),
                                            rs.getString(9)));
                        }
                    }
                }
            }
            int inserted = 0;
            int updated = 0;
            int unchanged = 0;
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO institutions (code, name, level, grade, kind, tcm,"
                                + " dual_channel, outpatient_pooling, region) VALUES (?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name),"
                                + " level = VALUES(level), grade = VALUES(grade), kind ="
                                + " VALUES(kind), tcm = VALUES(tcm), dual_channel ="
                                + " VALUES(dual_channel), outpatient_pooling ="
                                + " VALUES(outpatient_pooling), region = VALUES(region)")) {
                EnrolmentImport.Batch batch = new EnrolmentImport.Batch(ps);
                int n = 0;
                for (Row r : rows) {
                    String k = EnrolmentImport.key(r.code());
                    Values old = stored.get(k);
                    if (old == null) {
                        inserted++;
                    } else if (old.equals(r.values())) {
                        unchanged++;
                        continue;
                    } else {
                        updated++;
                    }
                    ps.setString(1, old == null ? r.code() : codes.get(k));
                    ps.setString(2, r.name());
                    ps.setInt(3, r.level());
                    ps.setString(4, r.grade().name());
                    ps.setString(5, r.kind().name());
                    ps.setBoolean(6, r.tcm());
                    ps.setBoolean(7, r.dualChannel());
                    ps.setBoolean(8, r.outpatientPooling());
                    ps.setString(9, r.region());
                    batch.add();
                    if (++n % EnrolmentImport.CHUNK == 0) {
                        batch.flush();
                    }
                }
                batch.flush();
            }
            ImportReport report =
                    new ImportReport(
                            source, records, inserted, updated, unchanged, List.of(),
                            List.of());
            AuditTrail.record(c, ACTION, source, report.summary());
            return report;
        });
    }
}

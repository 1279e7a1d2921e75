package cn.onestop.enrolment;

import cn.onestop.csv.Bounds;
import cn.onestop.csv.Cells;
import cn.onestop.csv.Columns;
import cn.onestop.csv.CsvFile;
import cn.onestop.enrolment.InstitutionImport.Row;
import cn.onestop.kernel.RowError;
import cn.onestop.request.Grade;
import cn.onestop.request.InstitutionKind;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The institutions file ({@link InstitutionImport} documents its columns) read and validated,
 * without touching the database: every record's problems, and codes given twice.
 */
final class InstitutionRows {
    /** The valid rows (only meaningful without errors), every error, the number of records. */
    record Parsed(List<Row> rows, List<RowError> errors, int records) {}

    private static final Columns HEADER =
            Columns.exactly(InstitutionImport.COLUMNS, InstitutionImport.OPTIONAL_COLUMNS);
    private static final Bounds LEVEL = Bounds.of(0, 3);
    private static final Pattern REGION = Pattern.compile("\\d{6}");

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> codeLines = new HashMap<>();

    private InstitutionRows() {}

    static Parsed read(Reader in) throws IOException {
        InstitutionRows r = new InstitutionRows();
        CsvFile file = CsvFile.read(in, HEADER, r::add);
        return new Parsed(r.rows, file.errors(), file.records());
    }

    private void add(Cells c) {
        Row row = row(c);
        String code = c.get("code");
        if (!code.isEmpty()) {
            Long first = codeLines.putIfAbsent(Keys.key(code), c.line());
            if (first != null) {
                c.error("code", "duplicate code " + code + " (first on line " + first + ")");
            }
        }
        if (row != null && !c.failed()) {
            rows.add(row);
        }
    }

    /** One record as a row, or null when it has errors. */
    private static Row row(Cells c) {
        String code = c.token("code", true, 32);
        String name = c.text("name", true, 200);
        Integer level = c.require("level") ? c.integer("level", LEVEL) : null;
        Grade grade =
                c.require("grade", "SPECIAL, A, B, C or NONE")
                        ? c.enumValue("grade", Grade.class, null)
                        : null;
        InstitutionKind kind =
                c.require("kind", "HOSPITAL, PRIMARY or PHARMACY")
                        ? c.enumValue("kind", InstitutionKind.class, null)
                        : null;
        boolean tcm = c.bool("tcm");
        boolean dual = c.bool("dual_channel");
        boolean pooling = c.bool("outpatient_pooling");
        String region = region(c, code);
        if (kind != null && !c.failed()) {
            checkKind(c, kind, level, dual);
        }
        if (c.failed()) {
            return null;
        }
        return new Row(c.line(), code, name, level, grade, kind, tcm, dual, pooling, region);
    }

    /** The region column, or the region derived from the code when the column is empty. */
    private static String region(Cells c, String code) {
        if (!c.isEmpty("region")) {
            return c.matching("region", REGION, "must be six digits (e.g. 150100), got ");
        }
        String derived = code == null ? null : InstitutionImport.regionOf(code);
        if (derived == null && code != null) {
            c.error(
                    "region",
                    "is required: it cannot be derived from code "
                            + code
                            + " (a letter and six region digits first)");
        }
        return derived;
    }

    /** A pharmacy, and only a pharmacy, has level 0; only a pharmacy is dual-channel. */
    private static void checkKind(Cells c, InstitutionKind kind, int level, boolean dual) {
        if (kind == InstitutionKind.PHARMACY && level != 0) {
            c.error("level", "a pharmacy has level 0, got " + level);
        } else if (kind != InstitutionKind.PHARMACY && level == 0) {
            c.error("level", "level 0 is for pharmacies; a " + kind + " has level 1..3");
        }
        if (dual && kind != InstitutionKind.PHARMACY) {
            c.error("dual_channel", "only a pharmacy can be dual-channel (双通道)");
        }
    }
}

package cn.onestop.catalog;

import cn.onestop.kernel.RowError;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog CSV: reading and validating it, without touching the database. Every bad record is
 * reported with its physical line (the header is line 1) and column, not only the first.
 *
 * <p>UTF-8 (a leading BOM is ignored), RFC 4180, one header row naming every column below once, in
 * any order; other columns (a catalog export's 规格, 生产企业 …) are ignored and named in a warning.
 * Values are trimmed; blank lines are skipped.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>value</th><th>meaning</th></tr>
 *   <tr><td>code</td><td>required, ≤ 50: letters, digits, {@code . _ -}; unique in the file, ignoring
 *       case</td><td>national item code (医保目录编码); stored upper case</td></tr>
 *   <tr><td>name</td><td>required, ≤ 200</td><td>通用名 / 项目名称</td></tr>
 *   <tr><td>kind</td><td>DRUG / SERVICE / FACILITY / CONSUMABLE</td><td>which catalog</td></tr>
 *   <tr><td>category</td><td>A / B / BLOOD / CONSUMABLE / BED / SELF; also 甲 甲类 乙 乙类 丙 丙类</td>
 *       <td>payment category</td></tr>
 *   <tr><td>price_limit</td><td>whole fen ≥ 0 per unit; empty = no limit</td><td>最高支付限价</td></tr>
 *   <tr><td>self_ratio_bp</td><td>0..10000, required for and only for category CONSUMABLE</td>
 *       <td>consumable self-pay ratio (个人先行自付比例)</td></tr>
 *   <tr><td>tcm_drug</td><td>true / false, empty = false; only for kind DRUG</td><td>中药 / 蒙药</td></tr>
 * </table>
 */
public final class CatalogCsv {
    /** The columns, in the documented order. */
    public static final List<String> COLUMNS =
            List.of("code", "name", "kind", "category", "price_limit", "self_ratio_bp", "tcm_drug");

    private static final Map<String, Category> CATEGORY_ALIASES = Map.of(
            "甲", Category.A, "甲类", Category.A, "乙", Category.B, "乙类", Category.B,
            "丙", Category.SELF, "丙类", Category.SELF);

    private CatalogCsv() {
    }

    /**
     * A file read: its valid items (complete only when {@code errors} is empty), every error, how
     * many data records it had, and the header's columns that were ignored.
     */
    public record Parsed(List<CatalogItem> items, List<RowError> errors, int records, List<String> ignored) {
        public Parsed {
            items = List.copyOf(items);
            errors = List.copyOf(errors);
            ignored = List.copyOf(ignored);
        }
    }

    /** Reads and validates the whole file. */
    public static Parsed read(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        List<RowError> errors = new ArrayList<>();
        List<CatalogItem> items = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        int records = 0;
        try (CSVParser parser = CSVParser.parse(r, format)) {
            long before = parser.getCurrentLineNumber();
            int[] at = null; // column index of each of COLUMNS
            int width = 0;
            try {
                for (CSVRecord rec : parser) {
                    long line = before + 1;
                    before = parser.getCurrentLineNumber();
                    if (rec.size() == 1 && rec.get(0).isEmpty()) {
                        continue; // blank line
                    }
                    if (at == null) {
                        width = rec.size();
                        at = header(line, rec, errors, ignored);
                        if (at == null) {
                            return new Parsed(List.of(), errors, 0, ignored);
                        }
                        continue;
                    }
                    records++;
                    if (rec.size() != width) {
                        errors.add(new RowError(line, RowError.ROW, "has " + rec.size() + " fields, the header has "
                                + width));
                        continue;
                    }
                    CatalogItem item = row(line, rec, at, errors);
                    String code = CatalogItem.normalize(rec.get(at[0]));
                    if (code != null) {
                        Long firstLine = seen.putIfAbsent(code, line);
                        if (firstLine != null) {
                            errors.add(new RowError(line, "code", "duplicate code " + code + " (first on line "
                                    + firstLine + ")"));
                            item = null;
                        }
                    }
                    if (item != null) {
                        items.add(item);
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                errors.add(new RowError(before + 1, RowError.ROW, "cannot be read as CSV: " + e.getMessage()));
                return new Parsed(items, errors, records, ignored);
            }
            if (at == null) {
                errors.add(new RowError(1, RowError.ROW, "empty file: a header row is required ("
                        + String.join(",", COLUMNS) + ")"));
            }
        }
        errors.sort(Comparator.comparingLong(RowError::line));
        return new Parsed(items, errors, records, ignored);
    }

    private static int[] header(long line, CSVRecord rec, List<RowError> errors, List<String> ignored) {
        int[] at = new int[COLUMNS.size()];
        Arrays.fill(at, -1);
        boolean ok = true;
        for (int i = 0; i < rec.size(); i++) {
            String h = rec.get(i);
            int k = COLUMNS.indexOf(h);
            if (k < 0) {
                ignored.add(h);
            } else if (at[k] >= 0) {
                errors.add(new RowError(line, h, "column given twice in the header"));
                ok = false;
            } else {
                at[k] = i;
            }
        }
        for (int k = 0; k < at.length; k++) {
            if (at[k] < 0) {
                errors.add(new RowError(line, COLUMNS.get(k), "missing column in the header (expected "
                        + String.join(",", COLUMNS) + ")"));
                ok = false;
            }
        }
        return ok ? at : null;
    }

    /** One record as an item, or null when it has errors (added to {@code errors}). */
    private static CatalogItem row(long line, CSVRecord rec, int[] at, List<RowError> errors) {
        int before = errors.size();
        String rawCode = rec.get(at[0]);
        String code = CatalogItem.normalize(rawCode);
        if (code == null) {
            errors.add(new RowError(line, "code", "is required"));
        } else if (code.length() > CatalogItem.MAX_CODE) {
            errors.add(new RowError(line, "code", "longer than " + CatalogItem.MAX_CODE + " characters"));
        } else if (!CatalogItem.isCode(code)) {
            errors.add(new RowError(line, "code", "letters, digits, '.', '_' and '-' only, got \"" + rawCode + "\""));
        }
        String name = rec.get(at[1]);
        if (name.isEmpty()) {
            errors.add(new RowError(line, "name", "is required"));
        } else if (name.length() > CatalogItem.MAX_NAME) {
            errors.add(new RowError(line, "name", "longer than " + CatalogItem.MAX_NAME + " characters"));
        } else if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            errors.add(new RowError(line, "name", "must be one line without tabs"));
        }
        ItemKind kind = null;
        String k = rec.get(at[2]);
        if (k.isEmpty()) {
            errors.add(new RowError(line, "kind", "is required (DRUG, SERVICE, FACILITY or CONSUMABLE)"));
        } else {
            try {
                kind = ItemKind.valueOf(k.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(line, "kind", "must be DRUG, SERVICE, FACILITY or CONSUMABLE, got \"" + k
                        + "\""));
            }
        }
        Category category = null;
        String c = rec.get(at[3]);
        if (c.isEmpty()) {
            errors.add(new RowError(line, "category", "is required (A, B, BLOOD, CONSUMABLE, BED or SELF)"));
        } else {
            category = CATEGORY_ALIASES.get(c);
            if (category == null) {
                try {
                    category = Category.valueOf(c.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(line, "category", "must be A, B, BLOOD, CONSUMABLE, BED or SELF "
                            + "(or 甲, 乙, 丙), got \"" + c + "\""));
                }
            }
        }
        long limit = BillLine.NO_LIMIT;
        String l = rec.get(at[4]);
        if (!l.isEmpty()) {
            try {
                limit = Long.parseLong(l);
                if (limit < 0) {
                    errors.add(new RowError(line, "price_limit", "must be ≥ 0 fen, got " + limit));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, "price_limit", "must be whole fen per unit (an integer, 1 yuan = "
                        + "100), or empty for no limit; got \"" + l + "\""));
            }
        }
        int ratio = BillLine.NO_RATIO;
        String s = rec.get(at[5]);
        if (!s.isEmpty()) {
            try {
                ratio = Integer.parseInt(s);
                if (ratio < 0 || ratio > 10_000) {
                    errors.add(new RowError(line, "self_ratio_bp", "must be 0..10000 basis points, got " + ratio));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, "self_ratio_bp", "must be whole basis points 0..10000 "
                        + "(10000 = 100%), got \"" + s + "\""));
            }
        }
        boolean tcm = false;
        String t = rec.get(at[6]);
        if (t.equalsIgnoreCase("true")) {
            tcm = true;
        } else if (!t.isEmpty() && !t.equalsIgnoreCase("false")) {
            errors.add(new RowError(line, "tcm_drug", "must be true or false (or empty), got \"" + t + "\""));
        }
        if (errors.size() > before) {
            return null;
        }
        CatalogItem.Problem problem = CatalogItem.problem(kind, category, limit, ratio, tcm);
        if (problem != null) {
            errors.add(new RowError(line, problem.field(), problem.message()));
            return null;
        }
        return new CatalogItem(code, name, kind, category, limit, ratio, tcm);
    }

    /**
     * The items sorted by code and the SHA-256 (hex) of their canonical form: the identity of an
     * item set. The same items in any order, quoting or spacing give the same digest.
     */
    public static String digest(List<CatalogItem> sortedByCode) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String prev = null;
        for (CatalogItem item : sortedByCode) {
            if (prev != null && prev.compareTo(item.code()) >= 0) {
                throw new IllegalArgumentException("items must be sorted by code, without repeats: " + item.code());
            }
            prev = item.code();
            md.update(item.canonical().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

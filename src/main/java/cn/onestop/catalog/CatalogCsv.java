package cn.onestop.catalog;

import cn.onestop.csv.Bounds;
import cn.onestop.csv.Cells;
import cn.onestop.csv.Choice;
import cn.onestop.csv.Columns;
import cn.onestop.csv.CsvFile;
import cn.onestop.kernel.RowError;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The catalog CSV: reading and validating it, without touching the database. Every bad record is
 * reported with its physical line (the header is line 1) and column, not only the first.
 *
 * <p>Read with {@link CsvFile}: UTF-8 (a leading BOM is ignored), RFC 4180, one header row naming every column below once, in
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

    private static final Columns HEADER = Columns.atLeast(COLUMNS);

    private static final Map<String, Category> CATEGORY_ALIASES = Map.of(
            "甲", Category.A, "甲类", Category.A, "乙", Category.B, "乙类", Category.B,
            "丙", Category.SELF, "丙类", Category.SELF);

    private static final String KIND_REQUIRED = "DRUG, SERVICE, FACILITY or CONSUMABLE";
    private static final Choice<ItemKind> KIND = Choice.of(ItemKind.class, KIND_REQUIRED);
    private static final String CATEGORY_REQUIRED = "A, B, BLOOD, CONSUMABLE, BED or SELF";
    private static final Choice<Category> CATEGORY =
            Choice.of(Category.class, CATEGORY_REQUIRED + " (or 甲, 乙, 丙)").withAliases(CATEGORY_ALIASES);
    private static final Bounds PRICE_LIMIT = Bounds.FEN.notWhole(
            "must be whole fen per unit (an integer, 1 yuan = 100), or empty for no limit; got ");
    private static final Bounds SELF_RATIO = new Bounds(0, 10_000,
            "must be whole basis points 0..10000 (10000 = 100%), got ", "must be 0..10000 basis points, got ");

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
        List<CatalogItem> items = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        CsvFile file = CsvFile.read(in, HEADER, cells -> {
            CatalogItem item = item(cells);
            String code = CatalogItem.normalize(cells.get("code"));
            if (code != null) {
                Long firstLine = seen.putIfAbsent(code, cells.line());
                if (firstLine != null) {
                    cells.error("code", "duplicate code " + code + " (first on line " + firstLine + ")");
                    item = null;
                }
            }
            if (item != null) {
                items.add(item);
            }
        });
        return new Parsed(items, file.errors(), file.records(), file.ignored());
    }

    /** One record as an item, or null when it has errors (reported through {@code cells}). */
    private static CatalogItem item(Cells cells) {
        String code = code(cells);
        String name = cells.singleLine("name", true, CatalogItem.MAX_NAME);
        ItemKind kind = cells.require("kind", KIND_REQUIRED) ? cells.choice("kind", KIND, null) : null;
        Category category = cells.require("category", CATEGORY_REQUIRED)
                ? cells.choice("category", CATEGORY, null) : null;
        long limit = cells.fen("price_limit", BillLine.NO_LIMIT, PRICE_LIMIT);
        Integer ratio = cells.integer("self_ratio_bp", SELF_RATIO);
        boolean tcm = cells.bool("tcm_drug");
        if (cells.failed()) {
            return null;
        }
        int selfRatio = ratio == null ? BillLine.NO_RATIO : ratio;
        CatalogItem.Problem problem = CatalogItem.problem(kind, category, limit, selfRatio, tcm);
        if (problem != null) {
            cells.error(problem.field(), problem.message());
            return null;
        }
        return new CatalogItem(code, name, kind, category, limit, selfRatio, tcm);
    }

    /** The item code, normalized (trimmed, upper case); null when missing or not a code. */
    private static String code(Cells cells) {
        String raw = cells.get("code");
        String code = CatalogItem.normalize(raw);
        if (code == null) {
            cells.error("code", "is required");
        } else if (code.length() > CatalogItem.MAX_CODE) {
            cells.error("code", "longer than " + CatalogItem.MAX_CODE + " characters");
        } else if (!CatalogItem.isCode(code)) {
            cells.error("code", "letters, digits, '.', '_' and '-' only, got \"" + raw + "\"");
        } else {
            return code;
        }
        return null;
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

package cn.onestop.catalog;

import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.ItemCode;

import java.util.Objects;

/**
 * One entry of a medical catalog (三目录): what the insurance makes of an item code.
 *
 * @param code national item code (医保目录编码), upper case, e.g. {@code XJ01CAA040A001010100452}
 * @param kind which catalog: drug, service, facility, consumable
 * @param category payment category: A (甲类), B (乙类), BLOOD, CONSUMABLE (partly covered consumable),
 *     BED, SELF (丙类 / not covered). Never EXCLUDED: that is a property of a visit, not of an item
 * @param priceLimit 最高支付限价 per unit, fen, or {@link BillLine#NO_LIMIT}: the part of a unit price
 *     above it is over-limit self pay
 * @param selfRatioBp the self-pay ratio of a CONSUMABLE item, basis points; {@link BillLine#NO_RATIO}
 *     for every other category
 * @param tcmDrug a TCM or Mongolian-medicine drug (中药/蒙药, R §20); drugs only
 */
public record CatalogItem(String code, String name, ItemKind kind, Category category, long priceLimit,
                          int selfRatioBp, boolean tcmDrug) {
    /** Longest item code accepted. */
    public static final int MAX_CODE = ItemCode.MAX_LENGTH;
    /** Longest name accepted. */
    public static final int MAX_NAME = 200;

    public CatalogItem {
        Objects.requireNonNull(code, "code");
        if (!isCode(code)) {
            throw new IllegalArgumentException("code: letters, digits, '.', '_' or '-', at most " + MAX_CODE
                    + " characters, upper case; got \"" + code + "\"");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0
                || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("name: 1.." + MAX_NAME + " characters on one line, no tab");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(category, "category");
        Problem problem = problem(kind, category, priceLimit, selfRatioBp, tcmDrug);
        if (problem != null) {
            throw new IllegalArgumentException(code + ": " + problem.field() + " " + problem.message());
        }
    }

    /** What is wrong with an item: the CSV column it concerns and the words for it. */
    record Problem(String field, String message) {
    }

    /**
     * What is wrong with this combination of attributes, or null. Shared with the CSV reader so that
     * a bad row is reported with the same words.
     */
    static Problem problem(ItemKind kind, Category category, long priceLimit, int selfRatioBp, boolean tcmDrug) {
        if (category == Category.EXCLUDED) {
            return new Problem("category", "EXCLUDED is not a catalog category (it says why a visit is not "
                    + "insured)");
        }
        if (priceLimit != BillLine.NO_LIMIT && priceLimit < 0) {
            return new Problem("price_limit", "must be ≥ 0 fen, got " + priceLimit);
        }
        if (category == Category.CONSUMABLE) {
            if (kind != ItemKind.CONSUMABLE) {
                return new Problem("category", "CONSUMABLE is for kind CONSUMABLE, not " + kind);
            }
            if (selfRatioBp == BillLine.NO_RATIO) {
                return new Problem("self_ratio_bp", "is required for category CONSUMABLE (0..10000)");
            }
            if (selfRatioBp < 0 || selfRatioBp > 10_000) {
                return new Problem("self_ratio_bp", "must be 0..10000, got " + selfRatioBp);
            }
        } else if (selfRatioBp != BillLine.NO_RATIO) {
            return new Problem("self_ratio_bp", "is for category CONSUMABLE only (category is " + category + ")");
        }
        if (tcmDrug && kind != ItemKind.DRUG) {
            return new Problem("tcm_drug", "is for kind DRUG only (kind is " + kind + ")");
        }
        return null;
    }

    /** Whether {@code s} can be a catalog code ({@link ItemCode#isCode}). */
    public static boolean isCode(String s) {
        return ItemCode.isCode(s);
    }

    /** An item code as the catalog keys it ({@link ItemCode#normalize}). */
    public static String normalize(String code) {
        return ItemCode.normalize(code);
    }

    /** Whether the item has a price limit per unit. */
    public boolean limited() {
        return priceLimit != BillLine.NO_LIMIT;
    }

    /**
     * The item in the one-line form its set's digest is computed over: the fields separated by tabs,
     * empty for no limit / no ratio, ending in a newline. Names hold no tab or line break (the reader
     * refuses them), so the form is unambiguous.
     */
    String canonical() {
        return code + '\t' + name + '\t' + kind + '\t' + category + '\t' + (limited() ? priceLimit : "") + '\t'
                + (selfRatioBp == BillLine.NO_RATIO ? "" : selfRatioBp) + '\t' + tcmDrug + '\n';
    }
}

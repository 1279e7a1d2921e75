package cn.onestop.catalog;

import cn.onestop.request.ItemLine;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the lines a billing system sends into the engine's classified lines, from one catalog
 * version (the treating region's, in force on the settle date). Pure: the caller looks the codes up.
 *
 * <ul>
 *   <li>A line without a code passes through unchanged: its explicit category, ratio and TCM flag.
 *   <li>A coded line takes category, self ratio, TCM flag and price limit from its catalog item;
 *       only id, price, quantity and the emergency flag are the line's. If the line also named a
 *       different category, the catalog still decides and {@code CATEGORY_FROM_CATALOG:<line id>}
 *       says so.
 *   <li>A code the catalog does not have is out of catalog: category SELF (wholly own pay), and
 *       {@code UNKNOWN_ITEM_CODE:<code>}, once per distinct code. The bill still settles.
 *   <li>A line sent as EXCLUDED stays EXCLUDED whatever its code: exclusion (work injury, third
 *       party …) is a fact of the visit that no catalog entry can undo.
 * </ul>
 */
public final class CatalogClassifier {
    /** Warning prefix: a code not in the catalog version in force, settled as SELF. */
    public static final String UNKNOWN_ITEM_CODE = "UNKNOWN_ITEM_CODE";
    /** Warning prefix: a line's explicit category differed from its catalog item's, which was used. */
    public static final String CATEGORY_FROM_CATALOG = "CATEGORY_FROM_CATALOG";

    private CatalogClassifier() {
    }

    /**
     * The classified bill.
     *
     * @param warnings {@code UNKNOWN_ITEM_CODE:<code>} and {@code CATEGORY_FROM_CATALOG:<line id>}, in
     *     the order of the lines
     */
    public record Classified(List<BillLine> lines, List<String> warnings) {
        public Classified {
            lines = List.copyOf(lines);
            warnings = List.copyOf(warnings);
        }
    }

    /** Whether any line needs a catalog. */
    public static boolean usesCatalog(List<ItemLine> lines) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            if (lines.get(i).usesCatalog()) {
                return true;
            }
        }
        return false;
    }

    /** The distinct codes the catalog must be asked for, in order of first appearance. */
    public static Set<String> codes(List<ItemLine> lines) {
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0, n = lines.size(); i < n; i++) {
            ItemLine l = lines.get(i);
            if (l.usesCatalog()) {
                codes.add(l.itemCode());
            }
        }
        return codes;
    }

    /**
     * Classifies every line.
     *
     * @param catalog the catalog item of a code, or null when the catalog has none; never asked
     *     when no line {@linkplain ItemLine#usesCatalog() uses the catalog}
     */
    public static Classified classify(List<ItemLine> lines, Function<String, CatalogItem> catalog) {
        CatalogItem[] byLine = new CatalogItem[lines.size()];
        for (int i = 0; i < byLine.length; i++) {
            ItemLine l = lines.get(i);
            if (l.usesCatalog()) {
                byLine[i] = catalog.apply(l.itemCode());
            }
        }
        return classify(lines, byLine);
    }

    /**
     * Classifies every line, given the catalog item of each line (null: the code is unknown, or the
     * line does not use the catalog).
     */
    static Classified classify(List<ItemLine> lines, CatalogItem[] byLine) {
        List<BillLine> out = new ArrayList<>(lines.size());
        List<String> warnings = new ArrayList<>(0);
        Set<String> unknown = null;
        for (int i = 0, n = lines.size(); i < n; i++) {
            ItemLine l = lines.get(i);
            if (!l.usesCatalog()) {
                out.add(l.asBillLine());
                continue;
            }
            CatalogItem item = byLine[i];
            if (item == null) {
                out.add(new BillLine(l.id(), Category.SELF, l.unitPrice(), l.qty(), BillLine.NO_RATIO, false,
                        l.emergency()));
                if (unknown == null) {
                    unknown = new LinkedHashSet<>();
                }
                if (unknown.add(l.itemCode())) {
                    warnings.add(UNKNOWN_ITEM_CODE + ":" + l.itemCode());
                }
                continue;
            }
            out.add(new BillLine(l.id(), item.category(), l.unitPrice(), l.qty(), item.selfRatioBp(), item.tcmDrug(),
                    l.emergency(), item.priceLimit()));
            if (l.category() != null && l.category() != item.category()) {
                warnings.add(CATEGORY_FROM_CATALOG + ":" + l.id());
            }
        }
        return new Classified(out, warnings);
    }
}

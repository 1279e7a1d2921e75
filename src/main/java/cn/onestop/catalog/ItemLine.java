package cn.onestop.catalog;

import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.kernel.InvalidRequestException;

/**
 * A bill line as the billing system sends it, before classification: an item code, an explicit
 * category, or both. {@link CatalogClassifier} turns it into the engine's {@link BillLine}.
 *
 * <p>A line without a code must be complete as it stands (it is checked as a {@link BillLine}:
 * a CONSUMABLE needs its self ratio). A coded line needs only its price and quantity: category,
 * self ratio, TCM flag and price limit come from the catalog.
 *
 * @param itemCode national item code, normalized by {@link CatalogItem#normalize}; null when not given
 * @param category the category the billing system gives, or null
 * @param selfRatioBp the self ratio the billing system gives, or {@link BillLine#NO_RATIO}
 */
public record ItemLine(String id, String itemCode, Category category, long unitPrice, long qty, int selfRatioBp,
                       boolean tcmDrug, boolean emergency) {
    public ItemLine {
        itemCode = CatalogItem.normalize(itemCode);
        if (itemCode == null) {
            if (category == null) {
                throw new InvalidRequestException("category", "is required unless item_code is given "
                        + "(A, B, BLOOD, CONSUMABLE, BED, SELF, EXCLUDED)");
            }
            new BillLine(id, category, unitPrice, qty, selfRatioBp, tcmDrug, emergency); // the same checks
        } else {
            // the category comes from the catalog: check everything else as a BillLine would
            new BillLine(id, Category.SELF, unitPrice, qty, selfRatioBp, tcmDrug, emergency);
        }
    }

    /** A coded line with nothing but its code, price and quantity (the usual case at a counter). */
    public static ItemLine coded(String id, String itemCode, long unitPrice, long qty) {
        return new ItemLine(id, itemCode, null, unitPrice, qty, BillLine.NO_RATIO, false, false);
    }

    /** An already classified line, passed through unchanged (no code). */
    public static ItemLine of(BillLine l) {
        if (l.priceLimit() != BillLine.NO_LIMIT) {
            throw new IllegalArgumentException("a price limit comes from the catalog; line " + l.id() + " has one");
        }
        return new ItemLine(l.id(), null, l.category(), l.unitPrice(), l.qty(), l.selfRatioBp(), l.tcmDrug(),
                l.emergency());
    }

    /**
     * Whether the catalog classifies this line: it has a code and is not EXCLUDED (a line excluded
     * from the insurance, e.g. a work injury, stays excluded whatever its code).
     */
    public boolean usesCatalog() {
        return itemCode != null && category != Category.EXCLUDED;
    }

    /** {@code unit_price × qty}; cannot overflow (checked at construction). */
    public long amount() {
        return unitPrice * qty;
    }
}

package cn.onestop.request;

import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;

import java.util.List;

/**
 * A bill line as the billing system sends it, before classification: an item code, an explicit
 * category, or both. The catalog's classifier turns it into the engine's {@link BillLine}.
 *
 * <p>A line without a code must be complete as it stands (the rules of a {@link BillLine}: a
 * CONSUMABLE needs its self ratio). A coded line needs only its price and quantity: category, self
 * ratio, TCM flag and price limit come from the catalog.
 *
 * @param itemCode national item code, normalized by {@link ItemCode#normalize}; null when not given
 * @param category the category the billing system gives, or null
 * @param selfRatioBp the self ratio the billing system gives, or {@link BillLine#NO_RATIO}
 */
public record ItemLine(String id, String itemCode, Category category, long unitPrice, long qty, int selfRatioBp,
                       boolean tcmDrug, boolean emergency) implements Line {
    public ItemLine {
        itemCode = ItemCode.normalize(itemCode);
        boolean fromCatalog = itemCode != null && category != Category.EXCLUDED;
        List<FieldViolation> bad = LineChecks.line(id, category, fromCatalog, unitPrice, qty, selfRatioBp);
        if (itemCode != null && itemCode.length() > ItemCode.MAX_LENGTH) {
            bad.add(new FieldViolation("item_code", "is longer than " + ItemCode.MAX_LENGTH + " characters"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
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

    /**
     * The line as the engine takes it, when it does not {@linkplain #usesCatalog() use the catalog}:
     * its own category and ratio.
     */
    public BillLine asBillLine() {
        if (usesCatalog()) {
            throw new IllegalStateException("line " + id + " is classified by the catalog");
        }
        return new BillLine(id, category, unitPrice, qty, selfRatioBp, tcmDrug, emergency);
    }

    /** {@code unit_price × qty}; cannot overflow (checked at construction). */
    @Override
    public long amount() {
        return unitPrice * qty;
    }
}

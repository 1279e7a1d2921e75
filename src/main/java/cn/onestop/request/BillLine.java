package cn.onestop.request;

import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;

import java.util.List;

/**
 * One line of a bill. {@code amount = unit_price × qty}, in fen.
 *
 * @param selfRatioBp catalog self-pay ratio of a consumable, basis points, or {@link #NO_RATIO}
 * @param tcmDrug a TCM / Mongolian-medicine drug (中药/蒙药, R §20)
 * @param emergency the line arose in the emergency room before admission (E §20)
 * @param priceLimit the catalog's price limit per unit (最高支付限价), or {@link #NO_LIMIT}: the part of
 *     the unit price above it is over-limit self pay, the rest is classified by category
 */
public record BillLine(String id, Category category, long unitPrice, long qty, int selfRatioBp, boolean tcmDrug,
                       boolean emergency, long priceLimit) implements Line {
    /** {@code self_ratio_bp} not given. */
    public static final int NO_RATIO = -1;
    /** No price limit per unit. */
    public static final long NO_LIMIT = -1;

    public BillLine {
        List<FieldViolation> bad = LineChecks.line(id, category, false, unitPrice, qty, selfRatioBp);
        if (priceLimit != NO_LIMIT && priceLimit < 0) {
            bad.add(new FieldViolation("price_limit", "must not be negative, got " + priceLimit));
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
    }

    /** A line without a price limit. */
    public BillLine(String id, Category category, long unitPrice, long qty, int selfRatioBp, boolean tcmDrug,
                    boolean emergency) {
        this(id, category, unitPrice, qty, selfRatioBp, tcmDrug, emergency, NO_LIMIT);
    }

    /** A plain line without consumable ratio or flags. */
    public static BillLine of(String id, Category category, long unitPrice, long qty) {
        return new BillLine(id, category, unitPrice, qty, NO_RATIO, false, false);
    }

    /** {@code unit_price × qty}; cannot overflow (checked at construction). */
    @Override
    public long amount() {
        return unitPrice * qty;
    }

    /** The part of the amount above the price limit per unit: {@code (unit_price − limit) × qty}, or 0. */
    public long overPriceLimit() {
        return priceLimit == NO_LIMIT || unitPrice <= priceLimit ? 0 : (unitPrice - priceLimit) * qty;
    }
}

package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

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
                       boolean emergency, long priceLimit) {
    /** {@code self_ratio_bp} not given. */
    public static final int NO_RATIO = -1;
    /** No price limit per unit. */
    public static final long NO_LIMIT = -1;

    public BillLine {
        Require.present(id, "id");
        Require.present(category, "category");
        if (unitPrice < 0) {
            throw new InvalidRequestException("unit_price", "must not be negative, got " + unitPrice);
        }
        if (qty <= 0) {
            throw new InvalidRequestException("qty", "must be positive, got " + qty);
        }
        if (selfRatioBp != NO_RATIO && (selfRatioBp < 0 || selfRatioBp > 10_000)) {
            throw new InvalidRequestException("self_ratio_bp", "must be 0..10000, got " + selfRatioBp);
        }
        if (category == Category.CONSUMABLE && selfRatioBp == NO_RATIO) {
            throw new InvalidRequestException("self_ratio_bp", "is required for a CONSUMABLE line");
        }
        try {
            Math.multiplyExact(unitPrice, qty);
        } catch (ArithmeticException e) {
            throw new InvalidRequestException("qty", "unit_price × qty overflows int64");
        }
        if (priceLimit != NO_LIMIT && priceLimit < 0) {
            throw new InvalidRequestException("price_limit", "must not be negative, got " + priceLimit);
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
    public long amount() {
        return unitPrice * qty;
    }

    /** The part of the amount above the price limit per unit: {@code (unit_price − limit) × qty}, or 0. */
    public long overPriceLimit() {
        return priceLimit == NO_LIMIT || unitPrice <= priceLimit ? 0 : (unitPrice - priceLimit) * qty;
    }
}

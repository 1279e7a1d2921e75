package cn.onestop.centre;

import java.util.Map;

/**
 * Where a settlement is cleared (POLICY §11): the insured region against the treating region.
 * The same pooling region is {@code LOCAL}; the same province {@code IN_PROVINCE} (区内异地); else
 * {@code CROSS_PROVINCE} (跨省异地). Only LOCAL settlements stay with the local centre; the others
 * go through the clearing nodes (异地清分).
 */
public enum ClearingCategory {
    LOCAL,
    IN_PROVINCE,
    CROSS_PROVINCE;

    /**
     * @param poolingRegions the centre rules' pooling regions that are not a code's first four digits
     */
    public static ClearingCategory of(AdminDivision insured, AdminDivision treating, Map<String, String> poolingRegions) {
        if (insured.poolingRegion(poolingRegions).equals(treating.poolingRegion(poolingRegions))) {
            return LOCAL;
        }
        if (insured.province(poolingRegions).equals(treating.province(poolingRegions))) {
            return IN_PROVINCE;
        }
        return CROSS_PROVINCE;
    }

    /** Whether a clearing node clears it (异地就医). */
    public boolean crossRegion() {
        return this != LOCAL;
    }
}

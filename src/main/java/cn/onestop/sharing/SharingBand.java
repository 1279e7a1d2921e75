package cn.onestop.sharing;

/** Which part of E §52 applied: where the actual spending {@code A} lies against the budget or quota {@code B}. */
public enum SharingBand {
    /** DIP, {@code A ≤ B}: the centre pays A [interp: E §52 speaks of overspend only]. */
    WITHIN_BUDGET,
    /** DIP, {@code B < A ≤ b10}: the overspend is shared. */
    DIP_SHARED,
    /** DIP, {@code A > b10}: the 100–110% part is shared, the rest is the hospital's. */
    DIP_ABOVE_110,
    /** Quota, {@code A < b85}: the centre pays A, no reward. */
    QUOTA_BELOW_85,
    /** Quota, {@code b85 ≤ A < b90}: the centre pays A and a reward on the saving below the float. */
    QUOTA_SAVING,
    /** Quota, {@code b90 ≤ A ≤ b10}: within the ±10% float, the centre pays A. */
    QUOTA_WITHIN_FLOAT,
    /** Quota, {@code b10 < A ≤ b15}: the part beyond the float is shared. */
    QUOTA_SHARED,
    /** Quota, {@code A > b15}: the b10..b15 part is shared, the rest is the hospital's. */
    QUOTA_ABOVE_115
}

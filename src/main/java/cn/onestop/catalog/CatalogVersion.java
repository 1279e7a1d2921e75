package cn.onestop.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One published version of a region's catalog: immutable, like a rule version. Its items are the
 * item set named by {@code digest}, which versions of other regions or dates may share.
 *
 * @param region the catalog region (6-digit administrative code, e.g. 150100 Hohhot)
 * @param effectiveTo last day in force, or null: until the region's next version starts
 * @param digest SHA-256 (hex) of the items in canonical form: the item set's identity
 * @param items how many items the set holds
 * @param source what it was imported from (a file name)
 * @param publishedAt when it was published, or null before that
 */
public record CatalogVersion(String region, LocalDate effectiveFrom, LocalDate effectiveTo, String digest, int items,
                             String source, Instant publishedAt) {
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    public CatalogVersion {
        checkRegion(region);
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("effective_to " + effectiveTo + " is before effective_from "
                    + effectiveFrom);
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("digest: 64 lower-case hex digits, got " + digest);
        }
        if (items < 0) {
            throw new IllegalArgumentException("items must not be negative");
        }
        Objects.requireNonNull(source, "source");
    }

    /** {@code REGION@effective_from}, e.g. {@code 150100@2023-01-01}. */
    public String id() {
        return id(region, effectiveFrom);
    }

    public static String id(String region, LocalDate effectiveFrom) {
        return region + "@" + effectiveFrom;
    }

    /** Whether {@code s} is a catalog region: six digits. */
    public static boolean isRegion(String s) {
        return s != null && REGION.matcher(s).matches();
    }

    static String checkRegion(String region) {
        if (!isRegion(region)) {
            throw new IllegalArgumentException("region: six digits (e.g. 150100), got " + region);
        }
        return region;
    }

    /** The same version with its publication time. */
    CatalogVersion published(String from, Instant at) {
        return new CatalogVersion(region, effectiveFrom, effectiveTo, digest, items, from, at);
    }
}

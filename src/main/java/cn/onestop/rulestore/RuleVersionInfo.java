package cn.onestop.rulestore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A published rule version as the registry lists it.
 *
 * @param effectiveTo the last day in force, or null when open
 * @param digest SHA-256 of the file's content
 * @param document the policy document it implements, or null
 * @param origin the file it was published from
 * @param forcedReason why it was published over dates that already had settlements, or null
 * @param publishedBy the caller who published it, or null when not known (published before V40)
 */
public record RuleVersionInfo(String id, String plan, LocalDate effectiveFrom, LocalDate effectiveTo, String digest,
                              String document, String origin, Instant publishedAt, String forcedReason,
                              String publishedBy) {
    public RuleVersionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}

package cn.onestop.rules.parse;

import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.Scheme;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one rule file into a {@link RuleTable}, or refuses it with a message naming the file and
 * the parameter. Checks every parameter's range and provenance, refuses unknown sections and
 * parameters, and checks that the sections a plan has are consistent with its scheme.
 */
public final class RuleTableParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> ENVELOPE = Set.of("plan", "scheme", "document", "effective_from", "effective_to",
            "effective_source", "effective_basis", "sections", "note");

    private RuleTableParser() {
    }

    /** Parses one rule file; {@code origin} names it in every error (a path, or "published"). */
    public static RuleTable parse(String origin, byte[] content) {
        return parse(origin, content, entry -> { });
    }

    /** {@link #parse(String, byte[])}, telling {@code listed} every parameter read. */
    static RuleTable parse(String origin, byte[] content, Consumer<RuleParameters.Entry> listed) {
        JsonNode root = root(origin, content);
        String plan = text(origin, root, "plan", true);
        boolean assistance = RuleTable.ASSISTANCE_PLAN.equals(plan);
        Scheme scheme = scheme(origin, root, RuleTable.schemeless(plan));
        LocalDate from = date(origin, root, "effective_from", true);
        LocalDate to = date(origin, root, "effective_to", false);
        if (to != null && to.isBefore(from)) {
            throw new RuleLoadException(origin + ": effective_to " + to + " is before effective_from " + from);
        }
        Param effective = effective(origin, root, from);
        RuleTable.Sections sections = RuleTable.CENTRE_PLAN.equals(plan)
                ? CentreSection.read(origin, root.get("sections"), listed)
                : PlanSections.read(origin, root.get("sections"), assistance, scheme, listed);
        return new RuleTable(plan, plan + "@" + from, scheme, text(origin, root, "document", false), from, to,
                effective, sha256(content), sections);
    }

    /** Convenience for tests and the admin API. */
    public static RuleTable parse(String origin, String content) {
        return parse(origin, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The file as a JSON object with only the envelope's fields. */
    private static JsonNode root(String origin, byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new RuleLoadException(origin + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RuleLoadException(origin + ": a rule file is a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ENVELOPE.contains(k)) {
                throw new RuleLoadException(origin + ": unknown top-level field \"" + k + "\"");
            }
        }
        return root;
    }

    /** The plan's scheme; the assistance and centre rules have none. */
    private static Scheme scheme(String origin, JsonNode root, boolean schemeless) {
        String schemeText = text(origin, root, "scheme", !schemeless);
        if (schemeText == null) {
            return null;
        }
        Scheme scheme;
        try {
            scheme = Scheme.valueOf(schemeText);
        } catch (IllegalArgumentException e) {
            throw new RuleLoadException(origin + ": scheme must be EMPLOYEE or RESIDENT, got " + schemeText);
        }
        if (schemeless) {
            throw new RuleLoadException(origin + ": the assistance and centre rules apply in every scheme; "
                    + "remove \"scheme\"");
        }
        return scheme;
    }

    /** The effective date as a parameter, with its source and basis. */
    private static Param effective(String origin, JsonNode root, LocalDate from) {
        String effectiveSource = text(origin, root, "effective_source", true);
        Basis effectiveBasis = Basis.DOCUMENT;
        String basisText = text(origin, root, "effective_basis", false);
        if (basisText != null) {
            try {
                effectiveBasis = Basis.valueOf(basisText.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new RuleLoadException(origin + ": effective_basis must be document, interp or assumed");
            }
        }
        return new Param("effective_from", from.toEpochDay(), effectiveSource, effectiveBasis);
    }

    private static String text(String origin, JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new RuleLoadException(origin + ": " + field + ": missing");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new RuleLoadException(origin + ": " + field + ": must be a non-empty string");
        }
        return n.asText();
    }

    private static LocalDate date(String origin, JsonNode root, String field, boolean required) {
        String t = text(origin, root, field, required);
        if (t == null) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new RuleLoadException(origin + ": " + field + ": not a date (YYYY-MM-DD): " + t);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}

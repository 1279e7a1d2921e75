package cn.onestop.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

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
    private static final Set<String> EMPLOYEE_ONLY = Set.of("employee_inpatient", "cr_disabled", "meal_allowance",
            "large_amount", "emergency_outpatient", "civil_servant_subsidy", "care_outpatient", "arrears");
    private static final Set<String> RESIDENT_ONLY = Set.of("resident_inpatient", "critical_illness",
            "outpatient_observation", "student_injury", "eligibility");

    private RuleTableParser() {
    }

    /** Parses one rule file; {@code origin} names it in every error (a path, or "published"). */
    public static RuleTable parse(String origin, byte[] content) {
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
        String plan = text(origin, root, "plan", true);
        boolean assistance = RuleTable.ASSISTANCE_PLAN.equals(plan);
        Scheme scheme = null;
        String schemeText = text(origin, root, "scheme", !assistance);
        if (schemeText != null) {
            try {
                scheme = Scheme.valueOf(schemeText);
            } catch (IllegalArgumentException e) {
                throw new RuleLoadException(origin + ": scheme must be EMPLOYEE or RESIDENT, got " + schemeText);
            }
            if (assistance) {
                throw new RuleLoadException(origin + ": the assistance rules apply in every scheme; remove \"scheme\"");
            }
        }
        LocalDate from = date(origin, root, "effective_from", true);
        LocalDate to = date(origin, root, "effective_to", false);
        if (to != null && to.isBefore(from)) {
            throw new RuleLoadException(origin + ": effective_to " + to + " is before effective_from " + from);
        }
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
        JsonNode sectionsNode = root.get("sections");
        if (sectionsNode == null || !sectionsNode.isObject()) {
            throw new RuleLoadException(origin + ": sections: missing (an object of sections)");
        }
        for (Iterator<String> it = sectionsNode.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            boolean known = assistance ? name.equals("medical_assistance") : KNOWN_PLAN_SECTIONS.contains(name);
            if (!known) {
                throw new RuleLoadException(origin + ": sections." + name + ": unknown section"
                        + (assistance ? " (the assistance rules have only medical_assistance)" : ""));
            }
            if (scheme == Scheme.EMPLOYEE && RESIDENT_ONLY.contains(name)
                    || scheme == Scheme.RESIDENT && EMPLOYEE_ONLY.contains(name)) {
                throw new RuleLoadException(origin + ": sections." + name + ": not a section of a " + scheme + " plan");
            }
        }
        Reader r = new Reader(origin, sectionsNode);
        RuleTable.Sections sections = new RuleTable.Sections(
                r.section("lines", LineRules::read),
                r.section("pool", PoolRules::read),
                r.section("arrears", ArrearsRules::read),
                r.section("other_funding_channel", OtherChannelRules::read),
                r.section("employee_inpatient", EmployeeInpatientRules::read),
                r.section("cr_disabled", CrDisabledRules::read),
                r.section("meal_allowance", MealAllowanceRules::read),
                r.section("large_amount", LargeAmountRules::read),
                r.section("emergency_outpatient", EmergencyOutpatientRules::read),
                r.section("outpatient_pooling", OutpatientPoolingRules::read),
                r.section("pharmacy", PharmacyRules::read),
                r.section("civil_servant_subsidy", SubsidyRules::read),
                r.section("care_outpatient", CareOutpatientRules::read),
                r.section("family_mutual_aid", MutualAidRules::read),
                r.section("resident_inpatient", ResidentInpatientRules::read),
                r.section("critical_illness", CriticalIllnessRules::read),
                r.section("outpatient_observation", ObservationRules::read),
                r.section("student_injury", InjuryRules::read),
                r.section("eligibility", EligibilityRules::read),
                r.section("medical_assistance", AssistanceRules::read));
        checkConsistent(origin, assistance, scheme, sections);
        Param effective = new Param("effective_from", from.toEpochDay(), effectiveSource, effectiveBasis);
        return new RuleTable(plan, plan + "@" + from, scheme, text(origin, root, "document", false), from, to,
                effective, sha256(content), sections);
    }

    private static final Set<String> KNOWN_PLAN_SECTIONS = Set.of("lines", "pool", "arrears", "other_funding_channel",
            "employee_inpatient", "cr_disabled", "meal_allowance", "large_amount", "emergency_outpatient",
            "outpatient_pooling", "pharmacy", "civil_servant_subsidy", "care_outpatient", "family_mutual_aid",
            "resident_inpatient", "critical_illness", "outpatient_observation", "student_injury", "eligibility");

    /** Sections that only make sense together: refuse a version that would fail at the counter. */
    private static void checkConsistent(String origin, boolean assistance, Scheme scheme, RuleTable.Sections s) {
        if (assistance) {
            require(origin, s.assistance() != null, "medical_assistance", "the assistance rules need it");
            return;
        }
        require(origin, s.lines() != null, "lines", "every plan classifies its bill lines");
        require(origin, s.otherChannel() != null, "other_funding_channel", "every plan says who is paid elsewhere");
        if (s.employeeInpatient() != null) {
            require(origin, s.pool() != null, "pool", "employee_inpatient needs the pool's annual cap");
            require(origin, s.largeAmount() != null, "large_amount", "employee_inpatient overflows into it");
        }
        if (s.emergencyOutpatient() != null) {
            require(origin, s.pool() != null, "pool", "emergency_outpatient needs the pool's annual cap");
            require(origin, s.largeAmount() != null, "large_amount", "emergency_outpatient overflows into it");
        }
        if (s.pharmacy() != null && s.pharmacy().dualChannelPooling().value() != 0) {
            require(origin, s.outpatientPooling() != null, "outpatient_pooling",
                    "dual-channel pharmacies are pooled as outpatient");
        }
        if (s.careOutpatient() != null || s.subsidy() != null) {
            require(origin, s.subsidy() != null, "civil_servant_subsidy", "care_outpatient is paid from it");
            require(origin, s.careOutpatient() != null, "care_outpatient", "the subsidy fund pays care persons");
        }
        if (scheme == Scheme.RESIDENT) {
            require(origin, s.eligibility() != null, "eligibility", "a resident plan has a waiting period rule");
            if (s.residentInpatient() != null) {
                require(origin, s.pool() != null, "pool", "resident_inpatient needs the pool's annual cap");
            }
            if (s.criticalIllness() != null) {
                require(origin, s.residentInpatient() != null, "resident_inpatient",
                        "critical_illness works on inpatient stays");
            }
            if (s.observation() != null || s.injury() != null) {
                require(origin, s.pool() != null, "pool", "every resident pool benefit shares the annual cap");
            }
        }
    }

    private static void require(String origin, boolean ok, String section, String why) {
        if (!ok) {
            throw new RuleLoadException(origin + ": sections." + section + ": missing section (" + why + ")");
        }
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

    /** Convenience for tests and the admin API. */
    public static RuleTable parse(String origin, String content) {
        return parse(origin, content.getBytes(StandardCharsets.UTF_8));
    }

    private record Reader(String origin, JsonNode sections) {
        <T> T section(String name, Function<SectionReader, T> read) {
            JsonNode n = sections.get(name);
            if (n == null) {
                return null;
            }
            SectionReader r = new SectionReader(origin, name, n);
            T value = read.apply(r);
            r.finish();
            return value;
        }
    }
}

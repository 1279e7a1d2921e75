package cn.onestop.rules.parse;

import cn.onestop.rules.RuleTable;
import cn.onestop.rules.Scheme;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code sections} of a rule file: which sections a version may have, reading each with its
 * reader, and refusing a version whose sections do not fit together.
 */
final class PlanSections {
    private static final Set<String> KNOWN_PLAN_SECTIONS = Set.of("lines", "pool", "arrears", "other_funding_channel",
            "employee_inpatient", "cr_disabled", "meal_allowance", "large_amount", "emergency_outpatient",
            "outpatient_pooling", "pharmacy", "civil_servant_subsidy", "care_outpatient", "family_mutual_aid",
            "resident_inpatient", "critical_illness", "outpatient_observation", "student_injury", "eligibility");
    private static final Set<String> EMPLOYEE_ONLY = Set.of("employee_inpatient", "cr_disabled", "meal_allowance",
            "large_amount", "emergency_outpatient", "civil_servant_subsidy", "care_outpatient", "arrears");
    private static final Set<String> RESIDENT_ONLY = Set.of("resident_inpatient", "critical_illness",
            "outpatient_observation", "student_injury", "eligibility");

    private PlanSections() {
    }

    /**
     * Reads the sections object of a plan ({@code scheme}) or of the assistance rules, telling
     * {@code listed} every parameter read.
     */
    static RuleTable.Sections read(String origin, JsonNode sectionsNode, boolean assistance, Scheme scheme,
                                   Consumer<RuleParameters.Entry> listed) {
        if (sectionsNode == null || !sectionsNode.isObject()) {
            throw new RuleLoadException(origin + ": sections: missing (an object of sections)");
        }
        checkNames(origin, sectionsNode, assistance, scheme);
        RuleTable.Sections sections = readAll(new Reader(origin, sectionsNode, listed));
        checkConsistent(origin, assistance, scheme, sections);
        return sections;
    }

    private static void checkNames(String origin, JsonNode sectionsNode, boolean assistance, Scheme scheme) {
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
    }

    private static RuleTable.Sections readAll(Reader r) {
        return new RuleTable.Sections(
                r.section("lines", SharedSections::lines),
                r.section("pool", SharedSections::pool),
                r.section("arrears", EmployeeSections::arrears),
                r.section("other_funding_channel", SharedSections::otherChannel),
                r.section("employee_inpatient", EmployeeSections::employeeInpatient),
                r.section("cr_disabled", EmployeeSections::crDisabled),
                r.section("meal_allowance", EmployeeSections::mealAllowance),
                r.section("large_amount", EmployeeSections::largeAmount),
                r.section("emergency_outpatient", EmployeeSections::emergencyOutpatient),
                r.section("outpatient_pooling", SharedSections::outpatientPooling),
                r.section("pharmacy", SharedSections::pharmacy),
                r.section("civil_servant_subsidy", EmployeeSections::subsidy),
                r.section("care_outpatient", EmployeeSections::careOutpatient),
                r.section("family_mutual_aid", SharedSections::mutualAid),
                r.section("resident_inpatient", ResidentSections::residentInpatient),
                r.section("critical_illness", ResidentSections::criticalIllness),
                r.section("outpatient_observation", ResidentSections::observation),
                r.section("student_injury", ResidentSections::injury),
                r.section("eligibility", ResidentSections::eligibility),
                r.section("medical_assistance", AssistanceSection::read),
                null);
    }

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

    /** Reads one section, if present, and refuses any parameter its reader did not take. */
    record Reader(String origin, JsonNode sections, Consumer<RuleParameters.Entry> listed) {
        <T> T section(String name, Function<SectionReader, T> read) {
            JsonNode n = sections.get(name);
            if (n == null) {
                return null;
            }
            SectionReader r = new SectionReader(origin, name, n, listed);
            T value = read.apply(r);
            r.finish();
            return value;
        }
    }
}

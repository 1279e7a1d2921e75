package cn.onestop.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One immutable, effective-dated version of a plan's rules (or of the assistance rules). A section
 * the plan does not have is null; a settlement that needs it is refused with
 * {@code RULE_SECTION_MISSING}.
 *
 * @param id stable version id, {@code PLAN@effective_from}; a settlement records it
 * @param scheme the plan's scheme; null for the assistance rules, which apply in every scheme
 * @param effectiveTo last day in force, or null for "until the next version"
 * @param effectiveFrom first day in force, with the provenance of the date in {@code effectiveSource}
 * @param digest SHA-256 of the rule file as published, so a version can be proven unchanged
 */
public record RuleTable(String plan, String id, Scheme scheme, String document, LocalDate effectiveFrom,
                        LocalDate effectiveTo, Param effectiveSource, String digest, Sections sections) {
    /** The plan code of the medical-assistance rules, which apply in every plan. */
    public static final String ASSISTANCE_PLAN = "MEDICAL-ASSISTANCE";
    /** The plan code of the rules of settlement with the insurance centre (E §50–§52), which apply in every plan. */
    public static final String CENTRE_PLAN = "CENTRE-SETTLEMENT";

    public RuleTable {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(effectiveSource, "effectiveSource");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(sections, "sections");
        if (!id.equals(plan + "@" + effectiveFrom)) {
            throw new IllegalArgumentException(id + ": a version's id is PLAN@effective_from");
        }
        if ((scheme == null) != schemeless(plan)) {
            throw new IllegalArgumentException(id + ": every plan has a scheme, the assistance and centre rules none");
        }
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException(id + ": effective_to before effective_from");
        }
    }

    /** The sections of one version; each null where the version does not have it. */
    public record Sections(LineRules lines, PoolRules pool, ArrearsRules arrears, OtherChannelRules otherChannel,
                           EmployeeInpatientRules employeeInpatient, CrDisabledRules crDisabled,
                           MealAllowanceRules mealAllowance, LargeAmountRules largeAmount,
                           EmergencyOutpatientRules emergencyOutpatient, OutpatientPoolingRules outpatientPooling,
                           PharmacyRules pharmacy, SubsidyRules subsidy, CareOutpatientRules careOutpatient,
                           MutualAidRules mutualAid, ResidentInpatientRules residentInpatient,
                           CriticalIllnessRules criticalIllness, ObservationRules observation, InjuryRules injury,
                           EligibilityRules eligibility, AssistanceRules assistance, CentreRules centre) {
    }

    /** Whether {@code plan} names rules that apply in every plan (assistance, the centre) rather than a plan. */
    public static boolean schemeless(String plan) {
        return ASSISTANCE_PLAN.equals(plan) || CENTRE_PLAN.equals(plan);
    }

    /** Whether {@code date} falls in this version's explicit range (ignoring later versions). */
    public boolean covers(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}

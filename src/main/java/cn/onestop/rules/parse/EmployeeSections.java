package cn.onestop.rules.parse;

import cn.onestop.request.Filing;
import cn.onestop.rules.ArrearsRules;
import cn.onestop.rules.CareOutpatientRules;
import cn.onestop.rules.CrDisabledRules;
import cn.onestop.rules.EmergencyOutpatientRules;
import cn.onestop.rules.EmployeeInpatientRules;
import cn.onestop.rules.LargeAmountRules;
import cn.onestop.rules.MealAllowanceRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.SubsidyRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readers of the sections only an employee plan has: the inpatient pool, cr-disabled persons and
 * their meal allowance, large-amount insurance, emergency outpatient, the civil-servant subsidy,
 * care persons' outpatient subsidy and arrears.
 */
final class EmployeeSections {
    private EmployeeSections() {
    }

    /** {@code employee_inpatient}: per grade group g1..g3, then the filing adjustments. */
    static EmployeeInpatientRules employeeInpatient(SectionReader r) {
        return new EmployeeInpatientRules(
                List.of(r.amount("deductible_first_g1"), r.amount("deductible_first_g2"),
                        r.amount("deductible_first_g3")),
                List.of(r.amount("deductible_floor_g1"), r.amount("deductible_floor_g2"),
                        r.amount("deductible_floor_g3")),
                r.ratio("deductible_step_bp"),
                r.amount("segment_boundary"),
                List.of(r.ratio("ratio_active_g1_seg1_bp"), r.ratio("ratio_active_g2_seg1_bp"),
                        r.ratio("ratio_active_g3_seg1_bp")),
                List.of(r.ratio("ratio_active_g1_seg2_bp"), r.ratio("ratio_active_g2_seg2_bp"),
                        r.ratio("ratio_active_g3_seg2_bp")),
                List.of(r.ratio("ratio_retired_g1_seg1_bp"), r.ratio("ratio_retired_g2_seg1_bp"),
                        r.ratio("ratio_retired_g3_seg1_bp")),
                List.of(r.ratio("ratio_retired_g1_seg2_bp"), r.ratio("ratio_retired_g2_seg2_bp"),
                        r.ratio("ratio_retired_g3_seg2_bp")),
                byFiling(r, "filing_adj_", "_bp", true));
    }

    /** {@code cr_disabled}. */
    static CrDisabledRules crDisabled(SectionReader r) {
        return new CrDisabledRules(r.flag("active_as_retired"), r.ratio("retired_deductible_bp"),
                r.adjustment("retired_ratio_bonus_bp"));
    }

    /** {@code meal_allowance}. */
    static MealAllowanceRules mealAllowance(SectionReader r) {
        return new MealAllowanceRules(r.amount("per_day_in_region"), r.amount("per_day_out_of_region"));
    }

    /** {@code large_amount}: a ratio per filing. */
    static LargeAmountRules largeAmount(SectionReader r) {
        return new LargeAmountRules(byFiling(r, "ratio_", "_bp", false),
                r.ratio("ratio_emergency_outpatient_bp"), r.amount("annual_cap"));
    }

    /** {@code emergency_outpatient}. */
    static EmergencyOutpatientRules emergencyOutpatient(SectionReader r) {
        return new EmergencyOutpatientRules(r.ratio("pool_bp"));
    }

    /** {@code civil_servant_subsidy}: the overall annual cap is optional. */
    static SubsidyRules subsidy(SectionReader r) {
        return new SubsidyRules(r.ratio("ratio_active_bp"), r.ratio("ratio_retired_bp"),
                r.ratio("care_ratio_active_bp"), r.ratio("care_ratio_retired_bp"),
                r.amount("outpatient_annual_cap"), r.optionalAmount("annual_cap"));
    }

    /** {@code care_outpatient}. */
    static CareOutpatientRules careOutpatient(SectionReader r) {
        return new CareOutpatientRules(r.amount("threshold"), r.ratio("ratio_bp"), r.amount("annual_cap"),
                r.amount("cr_disabled_extra"), r.amount("cr_disabled_senior_extra"));
    }

    /** {@code arrears}. */
    static ArrearsRules arrears(SectionReader r) {
        return new ArrearsRules(r.flag("suspends_insurance"));
    }

    /** One parameter per {@link Filing}, named {@code prefix + filing + suffix}, in filing order. */
    private static List<Param> byFiling(SectionReader r, String prefix, String suffix, boolean adjustment) {
        List<Param> out = new ArrayList<>();
        for (Filing f : Filing.values()) {
            String name = prefix + f.name().toLowerCase(Locale.ROOT) + suffix;
            out.add(adjustment ? r.adjustment(name) : r.ratio(name));
        }
        return List.copyOf(out);
    }
}

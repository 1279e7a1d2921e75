package cn.onestop.engine;

import cn.onestop.request.CrDisabled;
import cn.onestop.rules.MealAllowanceRules;
import cn.onestop.rules.Param;

import java.util.List;

/** Daily meal allowance of cr-disabled inpatients (E §37): outside the bill and every identity. */
final class MealAllowance {
    private MealAllowance() {
    }

    static void apply(Split s) {
        MealAllowanceRules r = s.rules.mealAllowance();
        if (r == null || s.person.crDisabled() == CrDisabled.NONE || !s.visit.type().isInpatient()
                || s.visit.days() == 0) {
            return;
        }
        Param perDay = r.perDay(s.visit.filing());
        s.meal = Math.multiplyExact(perDay.value(), (long) s.visit.days());
        s.step("meal_allowance", "cr-disabled inpatient, per day of the stay", s.visit.days(), Step.NONE, Step.NONE,
                s.meal, List.of(perDay));
    }
}

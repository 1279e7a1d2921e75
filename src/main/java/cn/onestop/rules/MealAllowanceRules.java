package cn.onestop.rules;

import cn.onestop.request.Filing;

import static cn.onestop.rules.ParamRange.AMOUNT;

/** Daily meal allowance for cr-disabled inpatients (E §37). */
public record MealAllowanceRules(Param perDayInRegion, Param perDayOutOfRegion) {
    public MealAllowanceRules {
        AMOUNT.check(perDayInRegion);
        AMOUNT.check(perDayOutOfRegion);
    }

    public Param perDay(Filing filing) {
        return switch (filing) {
            case LOCAL, LONG_TERM_RESIDENCE -> perDayInRegion;
            case TEMPORARY_CROSS_PROVINCE, OUT_OF_REGION_TRIP -> perDayOutOfRegion;
        };
    }
}

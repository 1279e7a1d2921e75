package cn.onestop.rules;

import cn.onestop.request.Filing;

/** Daily meal allowance for cr-disabled inpatients (E §37). */
public record MealAllowanceRules(Param perDayInRegion, Param perDayOutOfRegion) {
    static MealAllowanceRules read(SectionReader r) {
        return new MealAllowanceRules(r.amount("per_day_in_region"), r.amount("per_day_out_of_region"));
    }

    public Param perDay(Filing filing) {
        return switch (filing) {
            case LOCAL, LONG_TERM_RESIDENCE -> perDayInRegion;
            case TEMPORARY_CROSS_PROVINCE, OUT_OF_REGION_TRIP -> perDayOutOfRegion;
        };
    }
}

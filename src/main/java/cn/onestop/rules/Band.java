package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.RATIO;

/**
 * One band of a banded ratio on a cumulative axis: it covers positions below {@code upto}
 * (exclusive) and above the previous band's limit; the last band is open
 * ({@code upto == Long.MAX_VALUE}).
 */
public record Band(long upto, Param ratio) {
    public Band {
        if (upto <= 0) {
            throw new IllegalArgumentException("a band's upper limit is above 0, got " + upto);
        }
        RATIO.check(ratio);
    }
}

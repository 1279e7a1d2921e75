package cn.onestop.centre;

import cn.onestop.engine.Money;
import cn.onestop.rules.Param;

import java.util.Objects;

/**
 * E §50: of a month's general inpatient pool spending under a plan that advances it, the centre
 * advances {@code pay(sum, advance_bp)} with the statement and withholds the rest until the
 * year-end assessment (E §61). Reversals are netted in the month they are made, so a month's net
 * can be negative (a reversal of an earlier month's stay): then both parts are negative, rounded
 * the same way on the magnitude, and still add up to the sum.
 *
 * @param ratio the advance ratio with its source
 */
public record MonthlyAdvance(long generalInpatientPool, long advanced, long withheld, Param ratio) {
    public MonthlyAdvance {
        Objects.requireNonNull(ratio, "ratio");
        if (advanced + withheld != generalInpatientPool) {
            throw new IllegalArgumentException("advanced + withheld must be the general inpatient pool spending");
        }
    }

    public static MonthlyAdvance of(long generalInpatientPool, Param ratio) {
        long magnitude = Math.abs(generalInpatientPool);
        long advanced = Money.pay(magnitude, ratio.bp());
        if (generalInpatientPool < 0) {
            advanced = -advanced;
        }
        return new MonthlyAdvance(generalInpatientPool, advanced, generalInpatientPool - advanced, ratio);
    }
}

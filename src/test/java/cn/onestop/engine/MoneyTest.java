package cn.onestop.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyTest {

    @Test
    void payRoundsHalfUpOnce() {
        assertEquals(1, Money.pay(5, 1000)); // 0.5
        assertEquals(0, Money.pay(4, 1000)); // 0.4
        assertEquals(3704, Money.pay(37_035, 1000)); // 3703.5
        assertEquals(100, Money.pay(999, 1000)); // 99.9
        assertEquals(3_151_989, Money.pay(3_249_473, 9700)); // 3,151,988.81
    }

    @Test
    void payIsExactAtTheTopOfTheRange() {
        assertEquals(Long.MAX_VALUE, Money.pay(Long.MAX_VALUE, 10_000));
        assertEquals(0, Money.pay(Long.MAX_VALUE, 0));
    }

    @Test
    void payRefusesNegativeAmountsAndRatiosOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> Money.pay(-1, 5000));
        assertThrows(IllegalArgumentException.class, () -> Money.pay(1, 10_001));
    }

    @Property
    void payEqualsExactHalfUpRounding(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long x,
                                      @ForAll @IntRange(min = 0, max = 10_000) int r) {
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(x).multiply(BigInteger.valueOf(r)))
                .divide(BigDecimal.valueOf(10_000));
        assertEquals(exact.setScale(0, RoundingMode.HALF_UP).longValueExact(), Money.pay(x, r));
    }

    @Test
    void consumedIsTheCeilingOfTheCapOverTheRatio() {
        assertEquals(210_527, Money.consumed(200_000, 9500, 3_460_000));
        assertEquals(777_778, Money.consumed(700_000, 9000, 2_360_000));
        assertEquals(100, Money.consumed(1_000_000, 9000, 100)); // never more than the portion
        assertEquals(0, Money.consumed(0, 9000, 100));
    }

    @Property
    void consumedExpenseWouldPayAtLeastTheCap(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long c,
                                              @ForAll @IntRange(min = 1, max = 10_000) int r) {
        long e = Money.consumed(c, r, Long.MAX_VALUE);
        BigInteger need = BigInteger.valueOf(c).multiply(BigInteger.valueOf(10_000));
        assertTrue(BigInteger.valueOf(e).multiply(BigInteger.valueOf(r)).compareTo(need) >= 0);
        assertTrue(e == 0 || BigInteger.valueOf(e - 1).multiply(BigInteger.valueOf(r)).compareTo(need) < 0);
    }

    @Test
    void shareAboveComparesExactlyEvenForHugeAmounts() {
        assertFalse(Money.shareAbove(5_000, 100_000, 500));
        assertTrue(Money.shareAbove(5_001, 100_000, 500));
        assertTrue(Money.shareAbove(Long.MAX_VALUE / 9, Long.MAX_VALUE, 1000));
        assertFalse(Money.shareAbove(Long.MAX_VALUE / 11, Long.MAX_VALUE, 1000));
        assertFalse(Money.shareAbove(0, 0, 500));
    }
}

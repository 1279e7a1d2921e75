package cn.onestop.engine;

/**
 * Integer money arithmetic (POLICY §1): amounts are fen in a {@code long}, ratios are basis points
 * in an {@code int} (10000 = 100%). Exact for every non-negative amount that fits in a long: the
 * product {@code x × r} is never formed whole, so it cannot overflow.
 */
public final class Money {
    public static final int FULL = 10_000;
    /** Largest amount whose product with any ratio, plus the rounding half, fits in a long. */
    private static final long SAFE = (Long.MAX_VALUE - FULL / 2) / FULL;

    private Money() {
    }

    /** {@code round_half_up(x × r / 10000)} for {@code x ≥ 0}, {@code 0 ≤ r ≤ 10000}. */
    public static long pay(long x, int r) {
        if (x < 0 || r < 0 || r > FULL) {
            throw new IllegalArgumentException("pay(" + x + ", " + r + ")");
        }
        if (x <= SAFE) {
            return (x * r + FULL / 2) / FULL; // x × r fits: one multiplication, one division
        }
        long q = x / FULL;
        long rem = x % FULL;
        return q * r + (rem * r + FULL / 2) / FULL;
    }

    /**
     * The expense a fund consumes when it pays exactly {@code c} at ratio {@code r}:
     * {@code ceil(c × 10000 / r)}, never more than {@code x} (POLICY §1, cap crossing).
     */
    public static long consumed(long c, int r, long x) {
        if (r <= 0) {
            return x;
        }
        long whole = c / r;
        long rem = c % r;
        long e;
        if (whole > Long.MAX_VALUE / FULL) {
            return x;
        }
        e = whole * FULL + (rem * FULL + r - 1) / r;
        return Math.min(e, x);
    }

    /** Whether {@code part / whole > bp / 10000}, exactly, for non-negative operands. */
    public static boolean shareAbove(long part, long whole, int bp) {
        // part × 10000 > whole × bp, in 128 bits
        long ah = Math.multiplyHigh(part, FULL);
        long al = part * FULL;
        long bh = Math.multiplyHigh(whole, bp);
        long bl = whole * bp;
        return ah != bh ? ah > bh : Long.compareUnsigned(al, bl) > 0;
    }
}

package cn.onestop.national;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts at this front are yuan with at most two decimals, as the national interface writes them:
 * read exactly into fen (never through a double), written back as {@code 123.45}.
 */
final class Yuan {
    /** The largest amount accepted, yuan: far beyond any bill, far from the range of a long in fen. */
    static final BigDecimal MAX = new BigDecimal("100000000000");

    private Yuan() {
    }

    /** Fen of an exact decimal of yuan, or null when it has a third decimal, is negative or too large. */
    static Long fen(BigDecimal yuan) {
        if (yuan.signum() < 0 || yuan.abs().compareTo(MAX) > 0) {
            return null;
        }
        BigDecimal stripped = yuan.stripTrailingZeros();
        if (stripped.scale() > 2) {
            return null;
        }
        return yuan.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** {@code fen} as yuan with two decimals: {@code 12345 → "123.45"}, {@code -5 → "-0.05"}. */
    static String text(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}

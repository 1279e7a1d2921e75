package cn.onestop.clearing;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts in yuan as the national platform's files write them ({@code 1234.56}, at most two decimals,
 * a leading {@code -} for a refund), read exactly into fen: never through a double.
 */
public final class Yuan {
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,16}(\\.\\d+)?");

    private Yuan() {
    }

    /** What is wrong with {@code text} as an amount in yuan, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "is empty (an amount in yuan, e.g. 1234.56)";
        }
        if (!NUMBER.matcher(text).matches()) {
            return "not an amount in yuan: \"" + text + "\"";
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && text.length() - dot - 1 > 2) {
            return "has more than two decimals: \"" + text + "\" (yuan are written to the fen)";
        }
        return null;
    }

    /** The fen of a valid amount (see {@link #problem}). */
    public static long fen(String text) {
        String p = problem(text);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    /** Fen written as yuan with two decimals: {@code -123456} is {@code -1234.56}. */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}

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
        if (!plain(text)) { // the common shape checked by hand; anything else by the pattern
            if (!NUMBER.matcher(text).matches()) {
                return "not an amount in yuan: \"" + text + "\"";
            }
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && text.length() - dot - 1 > 2) {
            return "has more than two decimals: \"" + text + "\" (yuan are written to the fen)";
        }
        return null;
    }

    /** Whether {@code text} is {@code -?digits(.digits)?} with at most 16 digits before the point. */
    private static boolean plain(String text) {
        int i = text.charAt(0) == '-' ? 1 : 0;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
        }
        int whole = i - start;
        if (whole == 0 || whole > 16) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.' || i == text.length() - 1) {
            return false;
        }
        for (int k = i + 1; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** The fen of a valid amount (see {@link #problem}). */
    public static long fen(String text) {
        String p = problem(text);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        return exact(text);
    }

    /** The fen of an amount already checked by {@link #problem}. */
    static long exact(String text) {
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    /** Fen written as yuan with two decimals: {@code -123456} is {@code -1234.56}. */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}

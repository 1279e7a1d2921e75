package cn.onestop.request;

import java.util.Locale;

/** National item codes (医保目录编码) as catalogs key them. */
public final class ItemCode {
    /** The longest code any catalog holds. */
    public static final int MAX_LENGTH = 50;

    private ItemCode() {
    }

    /** An item code as the catalog keys it: trimmed and upper case; null or blank gives null. */
    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        String t = code.strip();
        return t.isEmpty() ? null : t.toUpperCase(Locale.ROOT);
    }

    /**
     * Whether {@code s} can be a catalog code: 1..{@value #MAX_LENGTH} characters, upper-case ASCII
     * letters, digits, '.', '_' or '-', starting with a letter or digit. Anything else is unknown to
     * every catalog without asking one.
     */
    public static boolean isCode(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        char c0 = s.charAt(0);
        if (!(c0 >= 'A' && c0 <= 'Z' || c0 >= '0' && c0 <= '9')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char ch = s.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '_' || ch == '-')) {
                return false;
            }
        }
        return true;
    }
}

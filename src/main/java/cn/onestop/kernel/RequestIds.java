package cn.onestop.kernel;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The request id of a call, carried into the log, the audit trail and the answer: the caller's own
 * ({@code x-request-id}) when it is 1–64 of {@code A-Z a-z 0-9 . _ : -}, so that it can be written
 * anywhere unescaped; otherwise (absent, too long, other characters) one made here, 24 hex digits.
 */
public final class RequestIds {
    /** The most characters a request id has. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern GOOD = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** {@code given} if it is a good request id, else a new one. */
    public static String accept(String given) {
        return given != null && GOOD.matcher(given).matches() ? given : fresh();
    }

    /** A new request id: 96 random bits, in hex. */
    public static String fresh() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

package cn.onestop.clearing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Time-ordered identifiers of clearing's own records: a prefix, milliseconds, a sequence, a random node tag. */
final class Ids {
    private static final String NODE;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    static {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        NODE = HexFormat.of().formatHex(b);
    }

    private Ids() {
    }

    static String next(char prefix, long epochMillis) {
        return prefix + String.format("%012x%06x", epochMillis, SEQUENCE.getAndIncrement() & 0xFFFFFFL) + NODE;
    }
}

package cn.onestop.settle;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered identifiers ({@code S018c...}): milliseconds, a per-node sequence and a random
 * node tag, in hex. Ordered ids keep the clustered primary key's inserts at the end of the index.
 */
public final class SettlementIds {
    private final String node;
    private final AtomicLong sequence = new AtomicLong();

    public SettlementIds() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        node = HexFormat.of().formatHex(b);
    }

    /** A new id: {@code prefix} (S settlement, R reversal) and the time it is made. */
    public String next(char prefix, long epochMillis) {
        long seq = sequence.getAndIncrement() & 0xFFFFFFL;
        return prefix + String.format("%012x%06x", epochMillis, seq) + node;
    }
}

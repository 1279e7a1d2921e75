package cn.onestop.settle;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers that order by time and reveal nothing ({@code S018c…}): the milliseconds in hex (so
 * the clustered primary key's inserts stay at the end of the index), then 64 random bits. Knowing one
 * settlement's id says nothing about a neighbour's: guessing one takes about 2^63 tries per
 * millisecond, and an id of another institution answers exactly as an unknown one anyway.
 */
public final class SettlementIds {
    private final SecureRandom random = new SecureRandom();

    public SettlementIds() {
    }

    /** A new id: {@code prefix} (S settlement, R reversal) and the time it is made. */
    public String next(char prefix, long epochMillis) {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return prefix + String.format("%012x", epochMillis) + HexFormat.of().formatHex(b);
    }
}

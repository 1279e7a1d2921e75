package cn.onestop.audit;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where a chain stands: its id, the place of its last row (0 before the first) and that row's hash
 * (32 zero bytes before the first).
 */
record AuditChain(String id, long seq, byte[] hash) {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] GENESIS = new byte[32];

    /** A new chain, with a random 96-bit id. */
    static AuditChain start() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return new AuditChain(HexFormat.of().formatHex(b), 0, GENESIS);
    }

    /** The chain after {@code rows}, in order. */
    AuditChain after(java.util.List<AuditRow> rows) {
        AuditChain c = this;
        for (AuditRow r : rows) {
            c = c.next(r);
        }
        return c;
    }

    /** The chain after {@code row}. */
    AuditChain next(AuditRow row) {
        return new AuditChain(id, seq + 1, row.hash(hash, id, seq + 1));
    }
}

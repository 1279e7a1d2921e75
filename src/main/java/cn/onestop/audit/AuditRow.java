package cn.onestop.audit;

import cn.onestop.kernel.AuditEvent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One audit row's fields, cut to the columns' sizes, and its hash: SHA-256 over the previous row's
 * hash, the chain and place, and every field, each length-prefixed so no field can run into the next.
 */
record AuditRow(Instant at, String actor, String role, String action, String subject, String outcome,
                String requestId, String detail) {

    static AuditRow of(AuditEvent e, Instant at) {
        return new AuditRow(at, cut(e.actor(), 100), cut(e.role(), 16), cut(e.action(), 32),
                cut(e.subject(), AuditTrail.SUBJECT), cut(e.outcome(), 40), cut(e.requestId(), 64),
                cut(e.detail(), AuditTrail.DETAIL));
    }

    byte[] hash(byte[] previous, String chainId, long seq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(previous);
        put(out, chainId);
        out.writeBytes(ByteBuffer.allocate(16).putLong(seq).putLong(at.toEpochMilli()).array());
        for (String s : new String[] {actor, role, action, subject, outcome, requestId, detail}) {
            put(out, s);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}

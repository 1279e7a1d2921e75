package cn.onestop.settle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The fingerprint of a request under its (institution, message id): SHA-256 of its canonical form,
 * which names every field that decides the outcome and nothing of the wire encoding, so the same
 * request sent again — re-encoded, with fields in another order, or with fields this version does not
 * know — has the same digest, and a different request under a used message id is told apart.
 *
 * @param canonical SHA-256 of the canonical form
 * @param legacyWire SHA-256 of the request's bytes as received over gRPC, the fingerprint version 0.1
 *     stored; matched only against keys it stored, so a retry across the upgrade still replays; null
 *     for a front that never had it
 */
public record RequestDigest(byte[] canonical, byte[] legacyWire) {
    public RequestDigest {
        Objects.requireNonNull(canonical, "canonical");
        canonical = canonical.clone();
        legacyWire = legacyWire == null ? null : legacyWire.clone();
    }

    @Override
    public byte[] canonical() {
        return canonical.clone();
    }

    @Override
    public byte[] legacyWire() {
        return legacyWire == null ? null : legacyWire.clone();
    }

    /** Whether a stored fingerprint of {@code kind} is this request's. */
    public boolean matches(HashKind kind, byte[] stored) {
        return switch (kind) {
            case CANONICAL -> Arrays.equals(canonical, stored);
            case LEGACY_WIRE -> legacyWire != null && Arrays.equals(legacyWire, stored);
        };
    }

    /** How a stored fingerprint was taken. */
    public enum HashKind { CANONICAL, LEGACY_WIRE }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestDigest d && Arrays.equals(canonical, d.canonical)
                && Arrays.equals(legacyWire, d.legacyWire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        return "RequestDigest[" + HexFormat.of().formatHex(canonical, 0, 8) + "…]";
    }

    /**
     * Builds a canonical form: every value as {@code name=length:value;}, so no value can run into
     * the next, in the order the caller fixes.
     */
    static final class Canon {
        private final StringBuilder sb = new StringBuilder(256);

        Canon(String kind) {
            put("kind", kind);
        }

        Canon put(String name, Object value) {
            String v = value == null ? "" : value.toString();
            sb.append(name).append('=').append(v.length()).append(':').append(v).append(';');
            return this;
        }

        byte[] digest() {
            return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}

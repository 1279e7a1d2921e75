package cn.onestop.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens: {@code ost_<id>_<secret>}, the id 64 random bits in hex (to name the token in lists
 * and revocations), the secret 256 random bits; the whole token is stored only as its SHA-256.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("ost_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");

    private Tokens() {
    }

    /** A new token and its id. */
    public record Issued(String tokenId, String token) {
    }

    static Issued generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String tokenId = HexFormat.of().formatHex(id);
        return new Issued(tokenId, "ost_" + tokenId + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret));
    }

    /** Whether {@code token} has the form of one this gateway issues (checked before any lookup). */
    static boolean wellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

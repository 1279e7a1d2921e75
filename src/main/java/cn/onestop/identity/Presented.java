package cn.onestop.identity;

import java.security.cert.X509Certificate;

/**
 * What a call presented to prove who it is, as the transport saw it: a bearer token from the
 * {@code authorization} header, and the TLS client certificate (already verified against the
 * gateway's CA by the TLS handshake). Either may be absent.
 */
public record Presented(String bearerToken, X509Certificate certificate) {
    public static final Presented NOTHING = new Presented(null, null);

    public boolean isEmpty() {
        return bearerToken == null && certificate == null;
    }
}

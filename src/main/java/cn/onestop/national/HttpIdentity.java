package cn.onestop.national;

import cn.onestop.identity.Presented;

import java.security.cert.X509Certificate;

/**
 * What an HTTP request presents to prove who it is: an {@code Authorization: Bearer <token>} header
 * and the TLS client certificate (already verified against the gateway's CA by the handshake). It
 * decides nothing: the {@link cn.onestop.identity.Authenticator} does, on a worker.
 */
final class HttpIdentity {
    /** The servlet attribute that carries the client's certificate chain. */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private HttpIdentity() {
    }

    /** What was presented, or null when the authorization header is not a bearer token. */
    static Presented of(String authorization, Object certificates) {
        String token = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
                return null;
            }
            token = authorization.substring(7).strip();
        }
        X509Certificate cert = certificates instanceof X509Certificate[] chain && chain.length > 0 ? chain[0] : null;
        return new Presented(token, cert);
    }
}

package cn.onestop.http;

import cn.onestop.identity.Presented;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * What an HTTP request presents to prove who it is, read as the gRPC front reads a call: an
 * {@code Authorization: Bearer} token, and the TLS client certificate (verified against the
 * gateway's CA by the handshake). It decides nothing: the {@link cn.onestop.identity.Authenticator}
 * does.
 */
final class HttpIdentity {
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private HttpIdentity() {
    }

    /** What the request presents (possibly nothing); empty when its Authorization header is not a bearer token. */
    static Optional<Presented> presented(Context ctx) {
        String token = null;
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
                return Optional.empty();
            }
            token = auth.substring(7).strip();
        }
        return Optional.of(new Presented(token, certificate(ctx)));
    }

    private static X509Certificate certificate(Context ctx) {
        Object chain = ctx.req().getAttribute(CERTIFICATES);
        return chain instanceof X509Certificate[] certs && certs.length > 0 ? certs[0] : null;
    }
}

package cn.onestop.grpc;

import cn.onestop.identity.Presented;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads who a call says it is — the {@code authorization: Bearer …} header and the TLS client
 * certificate — and the caller's request id ({@code x-request-id}, or one made here), puts them in
 * the call's context, and returns the request id in the response headers. It decides nothing and
 * touches no database (it runs on the network thread): {@link Calls} resolves the caller on a worker.
 * An {@code authorization} header that is not a bearer token is refused here, at once.
 */
final class IdentityInterceptor implements ServerInterceptor {
    static final Context.Key<Presented> PRESENTED = Context.key("onestop-presented");
    static final Context.Key<String> REQUEST_ID = Context.key("onestop-request-id");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID_HEADER = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern GOOD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String given = headers.get(REQUEST_ID_HEADER);
        String requestId = given != null && GOOD_ID.matcher(given).matches() ? given : newId();
        ServerCall<Q, A> withId = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata h) {
                h.put(REQUEST_ID_HEADER, requestId);
                super.sendHeaders(h);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                trailers.put(REQUEST_ID_HEADER, requestId);
                super.close(status, trailers);
            }
        };
        String token = null;
        String auth = headers.get(AUTHORIZATION);
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
                io.grpc.StatusRuntimeException e = Errors.status(com.google.rpc.Code.UNAUTHENTICATED,
                        "the authorization header must be 'Bearer <token>'", "UNAUTHENTICATED");
                withId.close(e.getStatus(), e.getTrailers());
                return new ServerCall.Listener<>() {
                };
            }
            token = auth.substring(7).strip();
        }
        Presented presented = new Presented(token, certificate(call));
        Context ctx = Context.current().withValue(PRESENTED, presented).withValue(REQUEST_ID, requestId);
        return Contexts.interceptCall(ctx, withId, headers, next);
    }

    private static X509Certificate certificate(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate (TLS asks for one, but it is optional)
        }
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

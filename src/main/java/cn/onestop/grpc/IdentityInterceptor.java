package cn.onestop.grpc;

import cn.onestop.identity.Presented;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * Reads who a call says it is — the {@code authorization: Bearer …} header and the TLS client
 * certificate — and puts it in the call's context (the request id is {@link CallLog}'s). It decides
 * nothing and touches no database (it runs on the network thread): {@link Calls} resolves the caller
 * on a worker. An {@code authorization} header that is not a bearer token is refused here, at once.
 */
final class IdentityInterceptor implements ServerInterceptor {
    static final Context.Key<Presented> PRESENTED = Context.key("onestop-presented");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String token = null;
        String auth = headers.get(AUTHORIZATION);
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
                io.grpc.StatusRuntimeException e = Errors.status(com.google.rpc.Code.UNAUTHENTICATED,
                        "the authorization header must be 'Bearer <token>'", "UNAUTHENTICATED");
                call.close(e.getStatus(), e.getTrailers());
                return new ServerCall.Listener<>() {
                };
            }
            token = auth.substring(7).strip();
        }
        Presented presented = new Presented(token, certificate(call));
        Context ctx = Context.current().withValue(PRESENTED, presented);
        return Contexts.interceptCall(ctx, call, headers, next);
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
}

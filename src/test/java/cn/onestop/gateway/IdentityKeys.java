package cn.onestop.gateway;

import io.grpc.Metadata;

/** The headers a caller presents, as a client writes them. */
final class IdentityKeys {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private IdentityKeys() {
    }
}

package cn.onestop.gateway;

import cn.onestop.identity.DevIdentities;
import cn.onestop.identity.DevPki;
import cn.onestop.identity.IdentityStore;
import cn.onestop.enrolment.PersonDirectory;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The gateway's network listener: Netty on {@code server.bind}:{@code server.port}, with TLS (client
 * certificates asked for, optional: a caller may present a bearer token instead), or plaintext on
 * loopback when configured so.
 */
final class Listener {
    private Listener() {
    }

    /** The files TLS uses: configured ones, or the development CA's. */
    record Files(Path cert, Path key, Path clientCa) {
    }

    static Files files(TlsConfig tls) throws IOException {
        if (tls.cert() != null) {
            return new Files(tls.cert(), tls.key(), tls.clientCa());
        }
        DevPki pki = new DevPki(tls.dir());
        pki.ensure();
        return new Files(pki.serverCert(), pki.serverKey(), pki.caCert());
    }

    static ServerBuilder<?> netty(int port, TlsConfig tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(tls.bind(), port);
        if (tls.plaintext()) {
            return NettyServerBuilder.forAddress(address);
        }
        Files f = files(tls);
        ServerCredentials creds = TlsServerCredentials.newBuilder().keyManager(f.cert().toFile(), f.key().toFile())
                .trustManager(f.clientCa().toFile()).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL).build();
        return NettyServerBuilder.forAddress(address, creds);
    }

    /** With the development CA: a principal and a client certificate for every institution, admin, auditor, clearing. */
    static void developmentIdentities(TlsConfig tls, IdentityStore identities, PersonDirectory directory)
            throws IOException {
        if (!tls.development()) {
            return;
        }
        DevIdentities.ensure(identities, new DevPki(tls.dir()), directory.institutions().stream()
                .map(i -> new DevIdentities.Institution(i.code(), i.region())).toList());
    }
}

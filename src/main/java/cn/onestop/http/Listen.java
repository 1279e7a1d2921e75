package cn.onestop.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an HTTP server listens and how it is protected: TLS with the gateway's certificate and key
 * and the CA whose client certificates it accepts (PEM files, as for gRPC), or plaintext — only on
 * a loopback address, as for gRPC.
 *
 * @param port 0: any free port
 * @param tls null: plaintext
 */
public record Listen(String host, int port, Tls tls) {
    /** The PEM files TLS uses: the server's certificate chain and key, the CA of the client certificates. */
    public record Tls(Path cert, Path key, Path clientCa) {
        public Tls {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(clientCa, "clientCa");
        }
    }

    public Listen {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tls == null && !loopback(host)) {
            throw new IllegalArgumentException("plaintext is allowed only on a loopback address, not " + host);
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

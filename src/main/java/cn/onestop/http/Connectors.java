package cn.onestop.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server's one connector: TLS 1.2+ with the gateway's certificate, a client certificate asked
 * for but optional (a caller may present a bearer token instead) and verified against the client CA
 * — the certificate then reaches the request ({@link SecureRequestCustomizer}) — or plaintext, which
 * {@link Listen} allows on loopback only.
 */
final class Connectors {
    private Connectors() {
    }

    static ServerConnector of(Server server, HttpConfiguration base, Listen listen) {
        ServerConnector c;
        if (listen.tls() == null) {
            c = new ServerConnector(server, new HttpConnectionFactory(base));
        } else {
            HttpConfiguration https = new HttpConfiguration(base);
            https.addCustomizer(new SecureRequestCustomizer());
            c = new ServerConnector(server, new SslConnectionFactory(tls(listen.tls()), HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        }
        c.setHost(listen.host());
        c.setPort(listen.port());
        return c;
    }

    private static SslContextFactory.Server tls(Listen.Tls files) {
        // the key lives in this process only: its store's password is made here, never written down
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        SslContextFactory.Server f = new SslContextFactory.Server();
        try {
            f.setKeyStore(Pem.keyStore(files.cert(), files.key(), password.toCharArray()));
            f.setTrustStore(Pem.trustStore(files.clientCa()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS files cannot be read (" + files.cert() + ", " + files.key()
                    + ", " + files.clientCa() + "): " + e.getMessage(), e);
        }
        f.setKeyStorePassword(password);
        f.setKeyManagerPassword(password);
        f.setWantClientAuth(true);
        f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return f;
    }
}

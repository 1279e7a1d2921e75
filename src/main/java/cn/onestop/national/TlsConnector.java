package cn.onestop.national;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;

/**
 * A Jetty connector with the gateway's TLS: its certificate chain and key and the CA whose client
 * certificates identify callers, all PEM files as the gRPC port uses them. A client certificate is
 * asked for and optional: a caller may present a bearer token instead.
 */
final class TlsConnector {
    private TlsConnector() {
    }

    /** TLS material as PEM files. */
    record Pem(Path cert, Path key, Path clientCa) {
    }

    static ServerConnector https(Server server, HttpConfiguration base, String host, int port, Pem pem) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            char[] password = password();
            ssl.setKeyStore(keyStore(pem, password));
            ssl.setKeyStorePassword(new String(password));
            ssl.setKeyManagerPassword(new String(password));
            ssl.setTrustStore(trustStore(pem.clientCa()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the TLS files " + pem + ": " + e.getMessage(), e);
        }
        ssl.setWantClientAuth(true);
        ssl.setNeedClientAuth(false);
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients reach the gateway by any name its certificate may not carry
        https.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    /** Plain HTTP, for a gateway configured plaintext on loopback. */
    static ServerConnector http(Server server, HttpConfiguration base, String host, int port) {
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(base));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    private static char[] password() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b).toCharArray(); // the key store lives in memory only
    }

    private static KeyStore keyStore(Pem pem, char[] password) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain = certificates(pem.cert());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", privateKey(pem.key()), password, chain.toArray(new Certificate[0]));
        return ks;
    }

    private static KeyStore trustStore(Path ca) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(ca)) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return conv.getKeyPair(pair).getPrivate();
            }
            throw new IOException("no private key in " + file);
        }
    }
}

package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gateway's ports are protected and who may call. TLS on every listening port; the
 * certificates come from {@code tls.cert} / {@code tls.key} / {@code tls.client-ca}, or, when none
 * is given, from a development CA made on the first start under {@code tls.dir}. Plaintext only when
 * asked for, and then only on a loopback address.
 *
 * <pre>
 *   property              environment                 default
 *   server.bind           ONESTOP_BIND                0.0.0.0 (127.0.0.1 when plaintext)
 *   server.plaintext      ONESTOP_PLAINTEXT           false
 *   tls.dir               ONESTOP_TLS_DIR             data/pki (the development CA and certificates)
 *   tls.cert, tls.key     ONESTOP_TLS_CERT, _KEY      the server's certificate chain and key (PEM)
 *   tls.client-ca         ONESTOP_TLS_CLIENT_CA       the CA whose client certificates are accepted
 *   auth.recheck-ms       ONESTOP_AUTH_RECHECK_MS     5000 (how soon a revocation takes effect)
 * </pre>
 *
 * @param cert null: the development CA's server certificate (with {@code key} and {@code clientCa})
 */
public record TlsConfig(String bind, boolean plaintext, Path dir, Path cert, Path key, Path clientCa,
                        Duration recheck) {
    private static final String[] BIND = {"server.bind", "ONESTOP_BIND"};
    private static final String[] PLAINTEXT = {"server.plaintext", "ONESTOP_PLAINTEXT"};
    private static final String[] DIR = {"tls.dir", "ONESTOP_TLS_DIR"};
    private static final String[] CERT = {"tls.cert", "ONESTOP_TLS_CERT"};
    private static final String[] KEY = {"tls.key", "ONESTOP_TLS_KEY"};
    private static final String[] CLIENT_CA = {"tls.client-ca", "ONESTOP_TLS_CLIENT_CA"};
    private static final String[] RECHECK = {"auth.recheck-ms", "ONESTOP_AUTH_RECHECK_MS"};

    public TlsConfig {
        if ((cert == null) != (key == null) || (cert == null) != (clientCa == null)) {
            throw new IllegalArgumentException("tls.cert, tls.key and tls.client-ca are given together or not at all");
        }
        if (plaintext && !loopback(bind)) {
            throw new IllegalArgumentException("server.plaintext is allowed only on a loopback address, not " + bind);
        }
    }

    /** TLS with the development CA under {@code data/pki}, on every interface. */
    public static TlsConfig defaults() {
        return new TlsConfig("0.0.0.0", false, Path.of("data", "pki"), null, null, null, Duration.ofSeconds(5));
    }

    /** Plaintext on 127.0.0.1: for tests and a developer's own machine. */
    public static TlsConfig plaintextLoopback() {
        return new TlsConfig("127.0.0.1", true, Path.of("data", "pki"), null, null, null, Duration.ofSeconds(5));
    }

    /** The development CA under {@code dir}. */
    public TlsConfig withDir(Path d) {
        return new TlsConfig(bind, plaintext, d, cert, key, clientCa, recheck);
    }

    public boolean development() {
        return !plaintext && cert == null;
    }

    public static TlsConfig load(Settings s) {
        TlsConfig d = defaults();
        boolean plain = s.bool(PLAINTEXT[0], PLAINTEXT[1], false);
        String bind = s.get(BIND[0], BIND[1]);
        if (bind == null) {
            bind = plain ? "127.0.0.1" : d.bind();
        }
        if (plain && !loopback(bind)) {
            throw s.error(BIND[0], BIND[1], "is " + bind + ", not a loopback address: plaintext (server.plaintext) "
                    + "is allowed only on loopback");
        }
        Path cert = s.path(CERT[0], CERT[1], null);
        Path key = s.path(KEY[0], KEY[1], null);
        Path ca = s.path(CLIENT_CA[0], CLIENT_CA[1], null);
        if ((cert == null) != (key == null) || (cert == null) != (ca == null)) {
            throw s.error(CERT[0], CERT[1], "tls.cert, tls.key and tls.client-ca are given together or not at all");
        }
        return new TlsConfig(bind, plain, s.path(DIR[0], DIR[1], d.dir()), cert, key, ca,
                Duration.ofMillis(s.longValue(RECHECK[0], RECHECK[1], d.recheck().toMillis(), 100, 3_600_000)));
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A configuration error about the TLS files, naming the setting. */
    static ConfigurationException fileError(Settings s, String problem, Throwable cause) {
        return s.error(CERT[0], CERT[1], problem, cause);
    }
}

package cn.onestop.identity;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A development certificate authority, made on a gateway's first start when no certificates are
 * configured: a CA, a server certificate for this machine's loopback names, and client
 * certificates whose subject CN names a principal. EC P-256 keys, SHA-256 signatures, PEM files
 * (keys PKCS#8, readable by the owner only):
 *
 * <pre>
 *   dir/ca.crt  dir/ca.key                    the CA (keep ca.key to issue more)
 *   dir/server.crt  dir/server.key            the gateway's certificate (localhost, 127.0.0.1, ::1)
 *   dir/clients/SUBJECT.crt  SUBJECT.key      one per principal
 * </pre>
 */
public final class DevPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CA_LIFE = Duration.ofDays(3650);
    private static final Duration LEAF_LIFE = Duration.ofDays(825);

    private final Path dir;

    public DevPki(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path serverCert() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCert(String subject) {
        return dir.resolve("clients").resolve(subject + ".crt");
    }

    public Path clientKey(String subject) {
        return dir.resolve("clients").resolve(subject + ".key");
    }

    /** Whether the CA and the server certificate exist. */
    public boolean exists() {
        return Files.isRegularFile(caCert()) && Files.isRegularFile(dir.resolve("ca.key"))
                && Files.isRegularFile(serverCert()) && Files.isRegularFile(serverKey());
    }

    /** Makes the CA and the server certificate, unless they exist. */
    public void ensure() throws IOException {
        if (exists()) {
            return;
        }
        Files.createDirectories(dir.resolve("clients"));
        try {
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=OneStop development CA,O=OneStop");
            X509Certificate caCert = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(),
                    notAfter(CA_LIFE), caName, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    ca.getPrivate());
            write(caCert(), caCert);
            writeKey(dir.resolve("ca.key"), ca.getPrivate());
            KeyPair server = keyPair();
            GeneralNames names = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")});
            X509Certificate serverCert = sign(new JcaX509v3CertificateBuilder(caCert,
                    serial(), notBefore(), notAfter(LEAF_LIFE), new X500Name("CN=localhost,O=OneStop"),
                    server.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, names)
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert)), ca.getPrivate());
            write(serverCert(), serverCert);
            writeKey(serverKey(), server.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the development CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Issues a client certificate naming {@code subject} (CN) and its role (OU), signed by the CA;
     * returns its serial number in hex. An existing certificate of the subject is replaced.
     */
    public String issueClient(String subject, String role) throws IOException {
        ensure();
        try {
            X509Certificate ca = readCert(caCert());
            PrivateKey caKey = readKey(dir.resolve("ca.key"));
            KeyPair kp = keyPair();
            BigInteger serial = serial();
            X509Certificate cert = sign(new JcaX509v3CertificateBuilder(ca, serial, notBefore(), notAfter(LEAF_LIFE),
                    new X500Name("CN=" + subject + ",OU=" + role + ",O=OneStop"), kp.getPublic())
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca)), caKey);
            Files.createDirectories(dir.resolve("clients"));
            writeKey(clientKey(subject), kp.getPrivate()); // the key first: a certificate on disk has its key
            write(clientCert(subject), cert);
            return serial.toString(16);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The subjects that have a client certificate here. */
    public List<String> clients() throws IOException {
        List<String> out = new ArrayList<>();
        Path clients = dir.resolve("clients");
        if (Files.isDirectory(clients)) {
            try (var s = Files.list(clients)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".crt"))
                        .map(n -> n.substring(0, n.length() - 4)).sorted().forEach(out::add);
            }
        }
        return out;
    }

    public static X509Certificate readCert(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject());
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter(Duration life) {
        return Date.from(Instant.now().plus(life));
    }

    private static void write(Path file, Object pem) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(pem);
        }
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
    }
}

package cn.onestop.cli;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * How a command reaches a running gateway and who it says it is: TLS with the gateway's CA, and
 * a client certificate (by default the development one of {@code --as}, under {@code data/pki}) or
 * a bearer token ({@code --token}, or {@code ONESTOP_TOKEN}).
 */
final class Connection {
    @Option(names = "--target", paramLabel = "HOST:PORT", description = "gateway address (default: ${DEFAULT-VALUE})")
    String target = "127.0.0.1:50051";

    @Option(names = "--as", paramLabel = "SUBJECT", description = "whose development certificate to present "
            + "(data/pki/clients/SUBJECT.crt); by default the institution the request names")
    String as;

    @Option(names = "--token", paramLabel = "TOKEN", description = "a bearer token instead of a certificate "
            + "(default: the ONESTOP_TOKEN variable)")
    String token = System.getenv("ONESTOP_TOKEN");

    @Option(names = "--pki", paramLabel = "DIR", description = "the development CA's folder (default: ${DEFAULT-VALUE})")
    Path pki = Path.of("data", "pki");

    @Option(names = "--cacert", paramLabel = "FILE", description = "the gateway's CA (default: PKI/ca.crt)")
    Path caCert;

    @Option(names = "--cert", paramLabel = "FILE", description = "client certificate (default: PKI/clients/AS.crt)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "client key (default: PKI/clients/AS.key)")
    Path key;

    @Option(names = "--plaintext", description = "no TLS (a gateway run with server.plaintext on loopback)")
    boolean plaintext;

    /** A channel presenting the certificate of {@code as} (or of {@code defaultSubject}), or the token. */
    ManagedChannel open(String defaultSubject) throws IOException {
        ChannelCredentials creds;
        if (plaintext) {
            creds = InsecureChannelCredentials.create();
        } else {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder()
                    .trustManager(file(caCert != null ? caCert : pki.resolve("ca.crt"), "--cacert").toFile());
            String subject = as != null ? as : defaultSubject;
            if (token == null && (cert != null || subject != null)) {
                Path c = cert != null ? cert : pki.resolve("clients").resolve(subject + ".crt");
                Path k = key != null ? key : pki.resolve("clients").resolve(subject + ".key");
                b.keyManager(file(c, "--cert").toFile(), file(k, "--key").toFile());
            }
            creds = b.build();
        }
        if (token != null) {
            creds = io.grpc.CompositeChannelCredentials.create(creds, bearer(token));
        }
        return Grpc.newChannelBuilder(target, creds).build();
    }

    /** {@code p}, or a one-line configuration error naming {@code option} (no stack trace: the operator's to fix). */
    private static Path file(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new cn.onestop.db.ConfigurationException(option, option + ": no file " + p + " (start the gateway "
                    + "once to make the development certificates, or give the file)");
        }
        return p;
    }

    static CallCredentials bearer(String token) {
        Metadata.Key<String> auth = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(auth, "Bearer " + token);
                applier.apply(m);
            }
        };
    }
}

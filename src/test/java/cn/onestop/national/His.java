package cn.onestop.national;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hospital billing system as public clients of the national interface are written: one endpoint,
 * the full envelope (every field they send, empty where they have nothing), msgid = institution code
 * + time + a 4-digit sequence, over TLS with a bearer token or the institution's client certificate.
 */
final class His {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MSG_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicInteger SEQ = new AtomicInteger(new java.util.Random().nextInt(9000));

    final String institution;
    final URI endpoint;
    final HttpClient http;
    final String token;
    String lastMsgid;

    His(String institution, int port, Path pki, String token, boolean certificate) throws Exception {
        this.institution = institution;
        this.endpoint = URI.create("https://localhost:" + port + NationalServer.PATH);
        this.token = token;
        this.http = HttpClient.newBuilder().sslContext(ssl(pki, certificate ? institution : null))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static SSLContext ssl(Path pki, String clientSubject) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientSubject != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Certificate cert;
            try (InputStream in = Files.newInputStream(pki.resolve("clients").resolve(clientSubject + ".crt"))) {
                cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            try (Reader r = Files.newBufferedReader(pki.resolve("clients").resolve(clientSubject + ".key"));
                 PEMParser p = new PEMParser(r)) {
                keys.setKeyEntry("me", new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject()),
                        "x".toCharArray(), new Certificate[] {cert});
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "x".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A new msgid as public clients make them: institution + time + 4-digit sequence. */
    String msgid() {
        return institution + LocalDateTime.now().format(MSG_TIME)
                + String.format("%04d", SEQ.incrementAndGet() % 10_000);
    }

    /** The envelope of a message, with every field a public client sends. */
    ObjectNode envelope(String infno, String msgid, JsonNode input) {
        ObjectNode e = JSON.createObjectNode();
        e.put("infno", infno);
        e.put("msgid", msgid);
        e.put("mdtrtarea_admvs", "150100");
        e.put("insuplc_admdvs", "150100");
        e.put("recer_sys_code", "FSI_LOCAL");
        e.put("dev_no", "");
        e.put("dev_safe_info", "");
        e.put("cainfo", "");
        e.put("signtype", "SM2");
        e.put("infver", "V1.0");
        e.put("opter_type", "1");
        e.put("opter", "0001");
        e.put("opter_name", "收费员甲");
        e.put("inf_time", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        e.put("fixmedins_code", institution);
        e.put("fixmedins_name", "内蒙古自治区人民医院");
        e.put("sign_no", "");
        e.set("input", input);
        return e;
    }

    /** Sends a transaction under a new msgid; the reply envelope. */
    JsonNode call(String infno, String inputJson) throws Exception {
        lastMsgid = msgid();
        return call(infno, lastMsgid, inputJson);
    }

    JsonNode call(String infno, String msgid, String inputJson) throws Exception {
        return send(JSON.writeValueAsString(envelope(infno, msgid, JSON.readTree(inputJson))), Duration.ofSeconds(20))
                .json();
    }

    /** A raw body, as sent. */
    Answer send(String body, Duration timeout) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    /** Sends a transaction under a new msgid; the raw answer with its content type (a 9102 file). */
    HttpResponse<byte[]> download(String infno, String inputJson) throws Exception {
        lastMsgid = msgid();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(envelope(infno, lastMsgid,
                        JSON.readTree(inputJson))), StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An HTTP answer. */
    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }
}

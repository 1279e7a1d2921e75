package cn.onestop.gateway;

import cn.onestop.api.v1.FundPayment;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.identity.DevPki;
import cn.onestop.kernel.Caller;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoint of a gateway started as the README starts it (samples, the development CA),
 * scraped over TLS as a monitor would: a settlement, a reversal and a refusal move the counters by
 * exactly what they did, the pool, cache, database and JVM meters are there, and nobody without an
 * identity, nor an institution, reads them.
 */
class MetricsEndpointTest {
    static final Path PKI = Path.of("target", "pki", "metrics-" + ProcessHandle.current().pid());
    static final String HOSPITAL = "H15010500001";
    static final String NEIGHBOUR = "H15010300001";
    static Database db;
    static Gateway gateway;
    static String monitorToken;
    static String institutionToken;
    static final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("metrics");
        gateway = Gateway.start(db, ServerConfig.defaults().withPort(0), TlsConfig.defaults().withDir(PKI),
                MetricsConfig.anyPort(), Clock.systemUTC());
        monitorToken = gateway.identities().issue(Caller.local("test"), "monitor", false).token();
        institutionToken = gateway.identities().issue(Caller.local("test"), HOSPITAL, false).token();
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        gateway.close();
        db.close();
    }

    @Test
    void aSettlementAReversalAndARefusalMoveTheCountersByWhatTheyDid() throws Exception {
        Map<String, Double> before = scrape(monitorToken);
        var hospital = settlement(HOSPITAL);
        SettleResponse settled = hospital.settle(SecurityTest.sample().setMessageId("metrics-1").build());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> settlement(NEIGHBOUR)
                .settle(SecurityTest.sample().setMessageId("metrics-2").build()));
        assertEquals("INSTITUTION_MISMATCH", GatewayFixture.errorInfo(refused).getReason());
        hospital.reverse(ReverseRequest.newBuilder().setInstitutionCode(HOSPITAL).setMessageId("metrics-3")
                .setSettlementId(settled.getRecord().getSettlementId()).setReason("test").build());
        Map<String, Double> after = scrape(monitorToken);

        String settle = "service=\"onestop.v1.SettlementService\"";
        assertEquals(1, moved(before, after, "grpc_server_processing_duration_seconds_count",
                settle, "method=\"Settle\"", "statusCode=\"OK\""), "the Settle that was answered");
        assertEquals(1, moved(before, after, "grpc_server_processing_duration_seconds_count",
                settle, "method=\"Settle\"", "statusCode=\"PERMISSION_DENIED\""), "the Settle that was refused");
        assertTrue(sum(after, "grpc_server_processing_duration_seconds_bucket", "method=\"Settle\"",
                "le=\"0.1\"") >= 0, "a latency histogram");
        assertEquals(1, moved(before, after, "onestop_refusals_total", "method=\"Settle\"",
                "code=\"PERMISSION_DENIED\"", "reason=\"INSTITUTION_MISMATCH\""));
        assertEquals(1, moved(before, after, "onestop_settlements_total", "event=\"settled\""));
        assertEquals(1, moved(before, after, "onestop_settlements_total", "event=\"reversed\""));
        Map<String, Long> paid = new TreeMap<>();
        for (FundPayment f : settled.getRecord().getSettlement().getFundsList()) {
            paid.merge(f.getFundType(), f.getAmount(), Long::sum);
        }
        assertTrue(paid.containsKey("310100"), "the pool paid: " + paid);
        for (Map.Entry<String, Long> f : paid.entrySet()) {
            for (String event : List.of("settled", "reversed")) {
                assertEquals(f.getValue(), moved(before, after, "onestop_fund_paid_fen_total",
                        "fund=\"" + f.getKey() + "\"", "event=\"" + event + "\""), 0.0, "fund " + f.getKey() + " " + event);
            }
        }
        assertTrue(moved(before, after, "onestop_batch_size_settlements_count") >= 1, "a batch committed");
        assertTrue(moved(before, after, "onestop_db_transaction_seconds_count", "end=\"committed\"") >= 2);
        assertTrue(moved(before, after, "onestop_db_commit_seconds_count") >= 2);
        assertTrue(moved(before, after, "hikaricp_connections_acquire_seconds_count") >= 2, "the pool's wait");
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("hikaricp_connections_active{")));
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("hikaricp_connections{")
                && k.contains("-clearing")), "the clearing side's own pool: " + after.keySet().stream()
                .filter(k -> k.startsWith("hikaricp_connections{")).toList());
        assertTrue(sum(after, "executor_pool_core_threads", "name=\"onestop-clearing\"") >= 1, "the clearing threads");
        assertTrue(sum(after, "cache_gets_total", "cache=\"institutions\"") >= 1, "the institutions' cache");
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("cache_gets_total{cache=\"rules\"")));
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("cache_size{cache=\"catalog\"")));
        assertTrue(sum(after, "executor_pool_size_threads", "name=\"onestop-worker\"") >= 2, "the workers");
        assertTrue(after.containsKey("onestop_batch_waiting"), "the batch queue");
        assertEquals(1, sum(after, "onestop_db_up"));
        assertTrue(sum(after, "jvm_memory_used_bytes") > 0);
        assertTrue(sum(after, "jvm_threads_live_threads") > 0);
        assertTrue(sum(after, "process_uptime_seconds") > 0);
        awaitPing();
    }

    @Test
    void aScrapeWithoutIdentityIs401AndAnInstitutionsIs403() throws Exception {
        HttpResponse<String> nobody = get(client(null), "/metrics", null);
        assertEquals(401, nobody.statusCode(), nobody.body());
        assertEquals("Bearer", nobody.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(nobody.body().contains("UNAUTHENTICATED"), nobody.body());
        assertEquals(401, get(client(null), "/metrics", "Basic YWRtaW46YWRtaW4=").statusCode(), "not a bearer token");
        assertEquals(401, get(client(null), "/metrics", "Bearer ost_0123456789abcdef_" + "A".repeat(43))
                .statusCode(), "an unknown token");

        HttpResponse<String> byToken = get(client(null), "/metrics", "Bearer " + institutionToken);
        assertEquals(403, byToken.statusCode(), byToken.body());
        assertTrue(byToken.body().contains("ROLE_NOT_PERMITTED"), byToken.body());
        assertEquals(403, get(client(HOSPITAL), "/metrics", null).statusCode(), "an institution's certificate");
        assertEquals(403, get(client("clearing-node"), "/metrics", null).statusCode(), "a clearing node's");

        HttpResponse<String> monitor = get(client("monitor"), "/metrics", null);
        assertEquals(200, monitor.statusCode(), "the monitor's certificate");
        assertTrue(monitor.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(monitor.body().contains("jvm_memory_used_bytes"));
        assertEquals(200, get(client("auditor"), "/metrics", null).statusCode(), "an auditor may read them");
        assertEquals(200, get(client("admin"), "/metrics", null).statusCode(), "the centre's administrator too");

        gateway.authFailures().flush();
        try (var c = db.dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'AUTH_REFUSED' AND subject = 'GET /metrics'")) {
            rs.next();
            assertTrue(rs.getLong(1) >= 2, "the refused scrapes are in the audit trail");
            c.rollback();
        }
    }

    @Test
    void healthNeedsNoIdentityAndTheRequestIdComesBack() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(uri("/health")).header("X-Request-Id", "lb-probe-7").build();
        HttpResponse<String> health = client(null).send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("{\"status\":\"SERVING\",\"capacity\":\"SERVING\"}", health.body());
        assertEquals("lb-probe-7", health.headers().firstValue("X-Request-Id").orElse(""));
    }

    @Test
    void theEndpointSpeaksOnlyTls() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI http = URI.create("http://localhost:" + gateway.metricsPort().getAsInt() + "/health");
        assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(http)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()),
                "plaintext is not answered (a TLS alert is not HTTP)");
    }

    /** The probe's pings are timed (every 250 ms). */
    private static void awaitPing() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sum(scrape(monitorToken), "onestop_db_ping_seconds_count") < 1) {
            assertTrue(System.nanoTime() < until, "no ping timed");
            Thread.sleep(100);
        }
    }

    static SettlementServiceGrpc.SettlementServiceBlockingStub settlement(String subject) throws Exception {
        ManagedChannel ch = io.grpc.Grpc.newChannelBuilder("localhost:" + gateway.port(), TlsChannelCredentials
                .newBuilder().trustManager(PKI.resolve("ca.crt").toFile()).keyManager(
                        PKI.resolve("clients/" + subject + ".crt").toFile(),
                        PKI.resolve("clients/" + subject + ".key").toFile()).build()).build();
        channels.add(ch);
        return SettlementServiceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** Every sample of a scrape by {@code token}: {@code name{labels}} to its value. */
    static Map<String, Double> scrape(String token) throws Exception {
        HttpResponse<String> r = get(client(null), "/metrics", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Double> samples = new TreeMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
    static double sum(Map<String, Double> samples, String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String k = e.getKey();
            if (!(k.equals(name) || k.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= k.contains(l);
            }
            if (all) {
                total += e.getValue();
            }
        }
        return total;
    }

    static double moved(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    static URI uri(String path) {
        return URI.create("https://localhost:" + gateway.metricsPort().getAsInt() + path);
    }

    static HttpResponse<String> get(HttpClient client, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An HTTPS client trusting the development CA, presenting {@code subject}'s certificate (null: none). */
    static HttpClient client(String subject) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", DevPki.readCert(PKI.resolve("ca.crt")));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (subject != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            try (Reader in = Files.newBufferedReader(PKI.resolve("clients/" + subject + ".key"));
                 PEMParser p = new PEMParser(in)) {
                keys.setKeyEntry("me", new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject()),
                        new char[0], new Certificate[] {DevPki.readCert(PKI.resolve("clients/" + subject + ".crt"))});
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}

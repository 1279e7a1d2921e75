package cn.onestop.gateway;

import cn.onestop.http.Listen;
import cn.onestop.http.WebServer;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Authenticator;
import cn.onestop.metrics.Metrics;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's operations endpoint, on the port {@code metrics.port}, with the TLS and the identity
 * rules of the gRPC port:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter as Prometheus text, for a caller that {@link
 *       Metrics#mayScrape} lets through (a monitor, an auditor, the centre's administrator); without
 *       an identity 401, with another 403;
 *   <li>{@code GET /health}: what the gRPC health service says, as JSON — {@code status} follows the
 *       database, {@code capacity} the queues ({@link Health}); 200 while the database answers, 503
 *       otherwise. Like the gRPC health service it asks no identity: a load balancer probes it.
 * </ul>
 */
final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    static WebServer start(MetricsConfig cfg, TlsConfig tls, Metrics metrics, Health health,
                           Authenticator authenticator, AuthFailures failures) throws IOException {
        Listen.Tls files = null;
        if (!tls.plaintext()) {
            Listener.Files f = Listener.files(tls);
            files = new Listen.Tls(f.cert(), f.key(), f.clientCa());
        }
        return WebServer.on(new Listen(tls.bind(), cfg.port(), files), authenticator, failures)
                .threads(MetricsConfig.THREADS, "onestop-metrics")
                .guarded("/metrics", Metrics::mayScrape,
                        (ctx, caller) -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()))
                .open("/health", (ctx, caller) -> {
                    boolean up = health.databaseUp();
                    Map<String, String> body = new LinkedHashMap<>();
                    body.put("status", up ? "SERVING" : "NOT_SERVING");
                    body.put("capacity", health.atCapacity() ? "NOT_SERVING" : "SERVING");
                    ctx.status(up ? 200 : 503).json(body);
                })
                .start();
    }
}

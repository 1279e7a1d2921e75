package cn.onestop.gateway;

import cn.onestop.db.Settings;

/**
 * The metrics endpoint: Prometheus text at {@code /metrics} (and the node's health at {@code
 * /health}) over HTTPS on {@code server.bind}, with the gRPC port's TLS and identity rules
 * ({@link TlsConfig}).
 *
 * <pre>
 *   property           environment             default
 *   metrics.enabled    ONESTOP_METRICS         true (false: no endpoint; the meters are still kept)
 *   metrics.port       ONESTOP_METRICS_PORT    9464 (0 = any free port)
 * </pre>
 */
public record MetricsConfig(boolean enabled, int port) {
    private static final String[] ENABLED = {"metrics.enabled", "ONESTOP_METRICS"};
    private static final String[] PORT = {"metrics.port", "ONESTOP_METRICS_PORT"};
    /** Requests the endpoint serves at once: a scraper or two, and health checks. */
    static final int THREADS = 8;

    public MetricsConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics.port must be 0..65535, got " + port);
        }
    }

    /** On port 9464. */
    public static MetricsConfig defaults() {
        return new MetricsConfig(true, 9464);
    }

    /** No endpoint. */
    public static MetricsConfig off() {
        return new MetricsConfig(false, 9464);
    }

    /** On any free port (tests). */
    public static MetricsConfig anyPort() {
        return new MetricsConfig(true, 0);
    }

    /**
     * The metrics settings of {@code s}; the port must differ from {@code grpcPort} (unless either is 0).
     *
     * @throws cn.onestop.db.ConfigurationException naming the key and its source when a value is bad
     */
    public static MetricsConfig load(Settings s, int grpcPort) {
        MetricsConfig d = defaults();
        MetricsConfig c = new MetricsConfig(s.bool(ENABLED[0], ENABLED[1], d.enabled()),
                s.intValue(PORT[0], PORT[1], d.port(), 0, 65_535));
        if (c.enabled() && c.port() != 0 && c.port() == grpcPort) {
            throw s.error(PORT[0], PORT[1], "is " + c.port() + ", the gRPC port (server.port) too: give the metrics "
                    + "a port of their own");
        }
        return c;
    }

    /** A {@link cn.onestop.db.ConfigurationException} about {@code metrics.port}, naming where its value came from. */
    public static cn.onestop.db.ConfigurationException portError(Settings s, String problem, Throwable cause) {
        return s.error(PORT[0], PORT[1], problem, cause);
    }
}

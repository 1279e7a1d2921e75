package cn.onestop.gateway;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;

/**
 * Gateway settings beside the database's ({@link cn.onestop.db.DatabaseConfig}); same sources,
 * later wins: defaults &lt; {@code config/onestop.properties} &lt; environment.
 *
 * <pre>
 *   property                    environment               default
 *   server.port                 ONESTOP_PORT              50051 (0 = any free port)
 *   server.threads              ONESTOP_THREADS           the database pool size
 *   server.default-timeout-ms   ONESTOP_TIMEOUT_MS        10000 (calls without a deadline)
 *   server.zone                 ONESTOP_ZONE              Asia/Shanghai (today's date, the current year)
 *   rules.poll-ms               ONESTOP_RULES_POLL_MS     2000 (how soon a published version is live)
 *   samples.load                ONESTOP_SAMPLES           true (sample institutions and persons on first start)
 *   samples.dir                 ONESTOP_SAMPLES_DIR       config/samples
 *   catalog.dir                 ONESTOP_CATALOG_DIR       config/catalog (the sample catalog, with samples.load)
 *   catalog.cache-size          ONESTOP_CATALOG_CACHE     200000 (catalog items held in memory)
 * </pre>
 *
 * @param threads 0 = size the executor to the database pool
 */
public record ServerConfig(int port, int threads, Duration defaultTimeout, ZoneId zone, Duration rulesPoll,
                           boolean loadSamples, Path samplesDir, Path catalogDir, int catalogCacheSize) {
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + port);
        }
        if (threads < 0 || threads > 1_000) {
            throw new IllegalArgumentException("server.threads must be 1..1000 (or unset), got " + threads);
        }
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("server.default-timeout-ms must be positive");
        }
        if (rulesPoll.toMillis() < 100) {
            throw new IllegalArgumentException("rules.poll-ms must be at least 100");
        }
        if (catalogCacheSize < 1_000) {
            throw new IllegalArgumentException("catalog.cache-size must be at least 1000, got " + catalogCacheSize);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(50051, 0, Duration.ofSeconds(10), ZoneId.of("Asia/Shanghai"), Duration.ofSeconds(2),
                true, Path.of("config", "samples"), Path.of("config", "catalog"), 200_000);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, threads, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize);
    }

    public ServerConfig withThreads(int n) {
        return new ServerConfig(port, n, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize);
    }

    public ServerConfig withSamples(boolean load) {
        return new ServerConfig(port, threads, defaultTimeout, zone, rulesPoll, load, samplesDir, catalogDir,
                catalogCacheSize);
    }

    public ServerConfig withRulesPoll(Duration poll) {
        return new ServerConfig(port, threads, defaultTimeout, zone, poll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize);
    }

    public static ServerConfig load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        ServerConfig d = defaults();
        try {
            return new ServerConfig(
                    integer(get(p, env, "server.port", "ONESTOP_PORT"), d.port(), "server.port"),
                    integer(get(p, env, "server.threads", "ONESTOP_THREADS"), d.threads(), "server.threads"),
                    Duration.ofMillis(integer(get(p, env, "server.default-timeout-ms", "ONESTOP_TIMEOUT_MS"),
                            (int) d.defaultTimeout().toMillis(), "server.default-timeout-ms")),
                    zone(get(p, env, "server.zone", "ONESTOP_ZONE"), d.zone()),
                    Duration.ofMillis(integer(get(p, env, "rules.poll-ms", "ONESTOP_RULES_POLL_MS"),
                            (int) d.rulesPoll().toMillis(), "rules.poll-ms")),
                    bool(get(p, env, "samples.load", "ONESTOP_SAMPLES"), d.loadSamples(), "samples.load"),
                    path(get(p, env, "samples.dir", "ONESTOP_SAMPLES_DIR"), d.samplesDir()),
                    path(get(p, env, "catalog.dir", "ONESTOP_CATALOG_DIR"), d.catalogDir()),
                    integer(get(p, env, "catalog.cache-size", "ONESTOP_CATALOG_CACHE"), d.catalogCacheSize(),
                            "catalog.cache-size"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String get(Properties p, Map<String, String> env, String key, String var) {
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int integer(String v, int dflt, String key) {
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static boolean bool(String v, boolean dflt, String key) {
        if (v == null) {
            return dflt;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static ZoneId zone(String v, ZoneId dflt) {
        try {
            return v == null ? dflt : ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("server.zone is not a time zone: '" + v + "'");
        }
    }

    private static Path path(String v, Path dflt) {
        return v == null ? dflt : Path.of(v);
    }
}

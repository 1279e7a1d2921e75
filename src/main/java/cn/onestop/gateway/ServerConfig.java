package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;
import cn.onestop.settle.Batching;
import cn.onestop.settle.Limits;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Gateway settings beside the database's ({@link cn.onestop.db.DatabaseConfig}); same sources
 * ({@link Settings}), later wins: defaults &lt; {@code config/onestop.properties} &lt; environment.
 * A bad value is a {@link ConfigurationException} naming the key or variable it came from.
 *
 * <pre>
 *   property                    environment               default
 *   server.port                 ONESTOP_PORT              50051 (0 = any free port)
 *   server.threads              ONESTOP_THREADS           the database pool size
 *   server.queue                ONESTOP_QUEUE             256 (calls waiting for a worker; more are RESOURCE_EXHAUSTED)
 *   server.default-timeout-ms   ONESTOP_TIMEOUT_MS        10000 (calls without a deadline)
 *   server.zone                 ONESTOP_ZONE              Asia/Shanghai (today's date, the current year)
 *   rules.poll-ms               ONESTOP_RULES_POLL_MS     2000 (how soon a published version is live)
 *   samples.load                ONESTOP_SAMPLES           true (sample institutions and persons on first start)
 *   samples.dir                 ONESTOP_SAMPLES_DIR       config/samples
 *   catalog.dir                 ONESTOP_CATALOG_DIR       config/catalog (the sample catalog, with samples.load)
 *   catalog.cache-size          ONESTOP_CATALOG_CACHE     200000 (catalog items held in memory)
 *   server.max-message-bytes, limits.*                    see {@link LimitSettings}
 *   batch.lanes                 ONESTOP_BATCH_LANES       2 (settlement writers, each one batch at a time)
 *   batch.max-size              ONESTOP_BATCH_MAX_SIZE    64 (settlements of different persons per commit)
 *   batch.linger-us             ONESTOP_BATCH_LINGER_US   200 (how long a writer waits for company)
 *   batch.queue                 ONESTOP_BATCH_QUEUE       4096 (settlements waiting; more are RESOURCE_EXHAUSTED)
 *   bench.echo                  ONESTOP_BENCH_ECHO        false (the benchmarks' EchoService, the transport's ceiling)
 * </pre>
 *
 * @param threads 0 = size the executor to the database pool
 */
public record ServerConfig(int port, int threads, int queue, Duration defaultTimeout, ZoneId zone, Duration rulesPoll,
                           boolean loadSamples, Path samplesDir, Path catalogDir, int catalogCacheSize,
                           Batching batching, int maxMessageBytes, Limits limits, boolean echo) {
    // keys: {property, environment variable}
    private static final String[] PORT = {"server.port", "ONESTOP_PORT"};
    private static final String[] THREADS = {"server.threads", "ONESTOP_THREADS"};
    private static final String[] QUEUE = {"server.queue", "ONESTOP_QUEUE"};
    private static final String[] TIMEOUT = {"server.default-timeout-ms", "ONESTOP_TIMEOUT_MS"};
    private static final String[] ZONE = {"server.zone", "ONESTOP_ZONE"};
    private static final String[] POLL = {"rules.poll-ms", "ONESTOP_RULES_POLL_MS"};
    private static final String[] SAMPLES = {"samples.load", "ONESTOP_SAMPLES"};
    private static final String[] SAMPLES_DIR = {"samples.dir", "ONESTOP_SAMPLES_DIR"};
    private static final String[] CATALOG_DIR = {"catalog.dir", "ONESTOP_CATALOG_DIR"};
    private static final String[] CATALOG_CACHE = {"catalog.cache-size", "ONESTOP_CATALOG_CACHE"};

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + port);
        }
        if (threads < 0 || threads > 1_000) {
            throw new IllegalArgumentException("server.threads must be 0..1000 (0 = the pool size), got " + threads);
        }
        if (queue < 1 || queue > 1_000_000) {
            throw new IllegalArgumentException("server.queue must be 1..1000000, got " + queue);
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
        if (maxMessageBytes < LimitSettings.MIN_MAX_MESSAGE_BYTES
                || maxMessageBytes > LimitSettings.MAX_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("server.max-message-bytes must be " + LimitSettings.MIN_MAX_MESSAGE_BYTES
                    + ".." + LimitSettings.MAX_MAX_MESSAGE_BYTES + ", got " + maxMessageBytes);
        }
        java.util.Objects.requireNonNull(batching, "batching");
        java.util.Objects.requireNonNull(limits, "limits");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(50051, 0, 256, Duration.ofSeconds(10), ZoneId.of("Asia/Shanghai"),
                Duration.ofSeconds(2),
                true, Path.of("config", "samples"), Path.of("config", "catalog"), 200_000,
                Batching.defaults(), LimitSettings.DEFAULT_MAX_MESSAGE_BYTES, Limits.DEFAULTS, false);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, threads, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize, batching, maxMessageBytes, limits, echo);
    }

    public ServerConfig withThreads(int n) {
        return new ServerConfig(port, n, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize, batching, maxMessageBytes, limits, echo);
    }

    public ServerConfig withQueue(int n) {
        return new ServerConfig(port, threads, n, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize, batching, maxMessageBytes, limits, echo);
    }

    public ServerConfig withSamples(boolean load) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, rulesPoll, load, samplesDir, catalogDir,
                catalogCacheSize, batching, maxMessageBytes, limits, echo);
    }

    public ServerConfig withRulesPoll(Duration poll) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, poll, loadSamples, samplesDir, catalogDir,
                catalogCacheSize, batching, maxMessageBytes, limits, echo);
    }

    /**
     * Reads {@code file} (UTF-8; missing: defaults only), then lets {@code env} override it.
     *
     * @throws ConfigurationException naming the offending key and its source when a value is bad,
     *     or the file when it exists but cannot be read
     */
    public static ServerConfig load(Path file, Map<String, String> env) {
        return load(Settings.load(file, env));
    }

    /**
     * The gateway settings of {@code s}.
     *
     * @throws ConfigurationException naming the offending key and its source when a value is bad
     */
    public static ServerConfig load(Settings s) {
        ServerConfig d = defaults();
        return new ServerConfig(
                s.intValue(PORT[0], PORT[1], d.port(), 0, 65_535),
                s.intValue(THREADS[0], THREADS[1], d.threads(), 0, 1_000),
                s.intValue(QUEUE[0], QUEUE[1], d.queue(), 1, 1_000_000),
                Duration.ofMillis(s.longValue(TIMEOUT[0], TIMEOUT[1], d.defaultTimeout().toMillis(), 1,
                        Integer.MAX_VALUE)),
                zone(s, d.zone()),
                Duration.ofMillis(s.longValue(POLL[0], POLL[1], d.rulesPoll().toMillis(), 100, Integer.MAX_VALUE)),
                s.bool(SAMPLES[0], SAMPLES[1], d.loadSamples()),
                s.path(SAMPLES_DIR[0], SAMPLES_DIR[1], d.samplesDir()),
                s.path(CATALOG_DIR[0], CATALOG_DIR[1], d.catalogDir()),
                s.intValue(CATALOG_CACHE[0], CATALOG_CACHE[1], d.catalogCacheSize(), 1_000, Integer.MAX_VALUE),
                batching(s, d.batching()), LimitSettings.maxMessageBytes(s), LimitSettings.limits(s),
                s.bool(ECHO[0], ECHO[1], d.echo()));
    }

    /**
     * A {@link ConfigurationException} about gateway setting {@code property} (e.g. {@code
     * server.port}) that names where its value in {@code s} came from, for problems found when the
     * setting is used (a port already in use).
     */
    public static ConfigurationException settingError(Settings s, String property, String problem, Throwable cause) {
        for (String[] key : List.of(PORT, THREADS, QUEUE, TIMEOUT, ZONE, POLL, SAMPLES, SAMPLES_DIR, CATALOG_DIR,
                CATALOG_CACHE)) {
            if (key[0].equals(property)) {
                return s.error(key[0], key[1], problem, cause);
            }
        }
        throw new IllegalArgumentException("not a gateway setting: " + property);
    }

    private static final String[] LANES = {"batch.lanes", "ONESTOP_BATCH_LANES"};
    private static final String[] BATCH_SIZE = {"batch.max-size", "ONESTOP_BATCH_MAX_SIZE"};
    private static final String[] LINGER = {"batch.linger-us", "ONESTOP_BATCH_LINGER_US"};
    private static final String[] BATCH_QUEUE = {"batch.queue", "ONESTOP_BATCH_QUEUE"};
    private static final String[] ECHO = {"bench.echo", "ONESTOP_BENCH_ECHO"};

    private static Batching batching(Settings s, Batching d) {
        return new Batching(s.intValue(LANES[0], LANES[1], d.lanes(), 1, 64),
                s.intValue(BATCH_SIZE[0], BATCH_SIZE[1], d.maxSize(), 1, 1_000),
                Duration.ofNanos(1_000L * s.longValue(LINGER[0], LINGER[1], d.linger().toNanos() / 1_000, 0, 100_000)),
                s.intValue(BATCH_QUEUE[0], BATCH_QUEUE[1], d.queue(), 1, 1_000_000));
    }

    /** The largest gRPC message accepted, bytes. */
    public ServerConfig withMaxMessageBytes(int n) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir,
                catalogDir, catalogCacheSize, batching, n, limits, echo);
    }

    /** The bounds of a bill. */
    public ServerConfig withLimits(Limits l) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir,
                catalogDir, catalogCacheSize, batching, maxMessageBytes, l, echo);
    }

    public ServerConfig withBatching(Batching b) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir,
                catalogDir, catalogCacheSize, b, maxMessageBytes, limits, echo);
    }

    /** With the benchmarks' echo service registered (or not). */
    public ServerConfig withEcho(boolean on) {
        return new ServerConfig(port, threads, queue, defaultTimeout, zone, rulesPoll, loadSamples, samplesDir,
                catalogDir, catalogCacheSize, batching, maxMessageBytes, limits, on);
    }

    private static ZoneId zone(Settings s, ZoneId dflt) {
        String v = s.get(ZONE[0], ZONE[1]);
        try {
            return v == null ? dflt : ZoneId.of(v);
        } catch (DateTimeException e) {
            throw s.error(ZONE[0], ZONE[1], "is not a time zone (such as Asia/Shanghai or +08:00): '" + v + "'");
        }
    }
}

package cn.onestop.gateway;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The clearing side's settings, from the same sources as {@link ServerConfig} (defaults &lt;
 * {@code config/onestop.properties} &lt; environment). Operational settings: they change no amount.
 *
 * <pre>
 *   property              environment                  default
 *   close.grace-ms        ONESTOP_CLOSE_GRACE_MS       60000 (a day can be closed this long after its midnight;
 *                                                      must exceed server.default-timeout-ms, the longest
 *                                                      a settlement's transaction can take)
 *   clearing.threads      ONESTOP_CLEARING_THREADS     2 (the clearing calls' own executor)
 *   clearing.pool-size    ONESTOP_CLEARING_POOL_SIZE   2 (the clearing side's own database connections)
 *   clearing.timeout-ms   ONESTOP_CLEARING_TIMEOUT_MS  120000 (a clearing call without a deadline of its own)
 *   clearing.cpu-share    ONESTOP_CLEARING_CPU_SHARE   0.2 (of one core, what a clearing read keeps busy: it
 *                                                      rests between slices of rows, so checkout keeps the rest)
 * </pre>
 */
public record ClearingConfig(Duration closeGrace, int threads, int poolSize, Duration timeout, double cpuShare) {
    public ClearingConfig {
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("close.grace-ms must not be negative");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("clearing.threads must be 1..64, got " + threads);
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("clearing.pool-size must be 1..64, got " + poolSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("clearing.timeout-ms must be positive");
        }
        if (!(cpuShare > 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("clearing.cpu-share must be more than 0 and at most 1, got " + cpuShare);
        }
    }

    public static ClearingConfig defaults() {
        return new ClearingConfig(Duration.ofSeconds(60), 2, 2, Duration.ofMinutes(2), 0.2);
    }

    /** These settings with another CPU share of a clearing read. */
    public ClearingConfig withCpuShare(double share) {
        return new ClearingConfig(closeGrace, threads, poolSize, timeout, share);
    }

    public static ClearingConfig load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        ClearingConfig d = defaults();
        try {
            return new ClearingConfig(
                    Duration.ofMillis(number(p, env, "close.grace-ms", "ONESTOP_CLOSE_GRACE_MS",
                            d.closeGrace().toMillis())),
                    (int) number(p, env, "clearing.threads", "ONESTOP_CLEARING_THREADS", d.threads()),
                    (int) number(p, env, "clearing.pool-size", "ONESTOP_CLEARING_POOL_SIZE", d.poolSize()),
                    Duration.ofMillis(number(p, env, "clearing.timeout-ms", "ONESTOP_CLEARING_TIMEOUT_MS",
                            d.timeout().toMillis())),
                    share(p, env, d.cpuShare()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a grace that a settlement's transaction could outlast: then a commit could land in a closed day. */
    void checkAgainst(ServerConfig server) {
        if (closeGrace.compareTo(server.defaultTimeout()) <= 0) {
            throw new IllegalArgumentException("close.grace-ms (" + closeGrace.toMillis() + ") must exceed "
                    + "server.default-timeout-ms (" + server.defaultTimeout().toMillis() + "), the longest a "
                    + "settlement's transaction can take");
        }
    }

    private static double share(Properties p, Map<String, String> env, double dflt) {
        String v = env.get("ONESTOP_CLEARING_CPU_SHARE");
        if (v == null || v.isBlank()) {
            v = p.getProperty("clearing.cpu-share");
        }
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("clearing.cpu-share must be a number, got '" + v.trim() + "'");
        }
    }

    private static long number(Properties p, Map<String, String> env, String key, String var, long dflt) {
        String v = env.get(var);
        if (v == null || v.isBlank()) {
            v = p.getProperty(key);
        }
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v.trim() + "'");
        }
    }
}

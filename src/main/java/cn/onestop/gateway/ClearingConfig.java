package cn.onestop.gateway;

import cn.onestop.db.ConfigurationException;
import cn.onestop.db.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
 *   clearing.queue        ONESTOP_CLEARING_QUEUE       32 (clearing calls waiting for a clearing thread; more are
 *                                                      answered RESOURCE_EXHAUSTED at once)
 * </pre>
 */
public record ClearingConfig(Duration closeGrace, int threads, int poolSize, Duration timeout, double cpuShare,
                             int queue) {
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
        if (queue < 1 || queue > 10_000) {
            throw new IllegalArgumentException("clearing.queue must be 1..10000, got " + queue);
        }
    }

    public static ClearingConfig defaults() {
        return new ClearingConfig(Duration.ofSeconds(60), 2, 2, Duration.ofMinutes(2), 0.2, 32);
    }

    /** These settings with another CPU share of a clearing read. */
    public ClearingConfig withCpuShare(double share) {
        return new ClearingConfig(closeGrace, threads, poolSize, timeout, share, queue);
    }

    public static ClearingConfig load(Path file, Map<String, String> env) {
        return load(Settings.load(file, env));
    }

    /**
     * The clearing settings of {@code s}.
     *
     * @throws ConfigurationException naming the offending key and its source when a value is bad
     */
    public static ClearingConfig load(Settings s) {
        ClearingConfig d = defaults();
        return new ClearingConfig(
                Duration.ofMillis(s.longValue("close.grace-ms", "ONESTOP_CLOSE_GRACE_MS", d.closeGrace().toMillis(),
                        0, Integer.MAX_VALUE)),
                s.intValue("clearing.threads", "ONESTOP_CLEARING_THREADS", d.threads(), 1, 64),
                s.intValue("clearing.pool-size", "ONESTOP_CLEARING_POOL_SIZE", d.poolSize(), 1, 64),
                Duration.ofMillis(s.longValue("clearing.timeout-ms", "ONESTOP_CLEARING_TIMEOUT_MS",
                        d.timeout().toMillis(), 1, Integer.MAX_VALUE)),
                share(s, d.cpuShare()),
                s.intValue("clearing.queue", "ONESTOP_CLEARING_QUEUE", d.queue(), 1, 10_000));
    }

    /** Refuses a grace that a settlement's transaction could outlast: then a commit could land in a closed day. */
    void checkAgainst(ServerConfig server) {
        if (closeGrace.compareTo(server.defaultTimeout()) <= 0) {
            throw new IllegalArgumentException("close.grace-ms (" + closeGrace.toMillis() + ") must exceed "
                    + "server.default-timeout-ms (" + server.defaultTimeout().toMillis() + "), the longest a "
                    + "settlement's transaction can take");
        }
    }

    private static double share(Settings s, double dflt) {
        String key = "clearing.cpu-share";
        String var = "ONESTOP_CLEARING_CPU_SHARE";
        String v = s.get(key, var);
        if (v == null) {
            return dflt;
        }
        double share;
        try {
            share = new java.math.BigDecimal(v).doubleValue(); // a plain decimal, not NaN or a hex float
        } catch (NumberFormatException e) {
            share = -1;
        }
        if (!(share > 0 && share <= 1)) {
            throw s.error(key, var, "must be a decimal more than 0 and at most 1, got '" + v + "'");
        }
        return share;
    }
}

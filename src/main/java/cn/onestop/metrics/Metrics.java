package cn.onestop.metrics;

import cn.onestop.db.DatabaseObserver;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Role;
import cn.onestop.settle.SettlementEvents;
import com.github.benmanes.caffeine.cache.Cache;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A node's meters, in one Micrometer registry scraped as Prometheus text. The gateway's own meters
 * are named {@code onestop.*}; those of Micrometer's and HikariCP's binders keep their standard
 * names, so that stock dashboards read them: {@code grpc.server.*} (every call, by service, method
 * and status code), {@code cache.*}, {@code hikaricp.*}, {@code executor.*}, {@code jvm.*}, {@code
 * process.*}, {@code system.*}. Every tag is of a small, fixed set of values (a method, a status
 * code, a reason, a fund type code, a cache's name): never a person, a message or a settlement.
 * The use cases know nothing of this: they tell it through {@link SettlementEvents}, the database
 * through {@link DatabaseObserver}.
 */
public final class Metrics implements AutoCloseable {
    /** The Prometheus text exposition format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final SettlementMeters settlements;
    private final DatabaseMeters database;

    public Metrics() {
        List<MeterBinder> jvm = List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new JvmInfoMetrics(),
                new FileDescriptorMetrics());
        for (MeterBinder b : jvm) {
            b.bindTo(registry);
            if (b instanceof AutoCloseable c) {
                binders.add(c);
            }
        }
        settlements = new SettlementMeters(registry);
        database = new DatabaseMeters(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter, as Prometheus text ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Who may read the metrics: a monitor, an auditor or the centre's administrator; an institution
     * or a clearing node may not (the meters count every institution's traffic).
     */
    public static Optional<Failure> mayScrape(Caller caller) {
        return caller.unless("read the metrics", Role.MONITOR, Role.AUDITOR, Role.CENTRE_ADMIN);
    }

    /**
     * The gRPC server interceptor of Micrometer: {@code grpc.server.requests.received}, {@code
     * grpc.server.responses.sent} and the latency histogram {@code grpc.server.processing.duration},
     * by service, method and status code.
     */
    public ServerInterceptor grpcServer(List<ServerServiceDefinition> services) {
        MetricCollectingServerInterceptor i = new MetricCollectingServerInterceptor(registry, c -> c,
                t -> histogram(t));
        services.forEach(i::preregisterService); // every method counted from zero, not from its first call
        return i;
    }

    /** A call answered with a refusal (any status but OK), counted by its reason. */
    public void refused(String service, String method, String code, String reason) {
        String r = reason == null || reason.isEmpty() ? "NONE" : REASON.matcher(reason).matches() ? reason : "OTHER";
        Counter.builder("onestop.refusals").description("Calls refused, by method, status code and reason")
                .tags("service", service, "method", method, "code", code, "reason", r)
                .register(registry).increment();
    }

    /** Settlements and reversals: counts, and fen by fund; settlements per batch commit. */
    public SettlementEvents settlements() {
        return settlements;
    }

    /** The database probe's pings, transactions and commits. */
    public DatabaseObserver database() {
        return database;
    }

    /** HikariCP's own Micrometer meters ({@code hikaricp.connections.*}) for a pool. */
    public MetricsTrackerFactory pool() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** A Caffeine cache's hits, misses, evictions and size ({@code cache.*}, tag {@code cache=name}). */
    public void cache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** A worker pool's threads, active ones and queue ({@code executor.*}, tag {@code name}). */
    public void executor(ThreadPoolExecutor executor, String name) {
        new ExecutorServiceMetrics(executor, name, Tags.empty()).bindTo(registry);
    }

    /** A value read when scraped. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }

    /**
     * Timers of the gateway's latencies: a histogram Prometheus can take quantiles from, with buckets
     * from 1 ms to 10 s (a call's default deadline).
     */
    static Timer.Builder histogram(Timer.Builder b) {
        return b.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        for (AutoCloseable c : binders) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a binder's listener that cannot be removed dies with the registry
            }
        }
        registry.close();
    }
}

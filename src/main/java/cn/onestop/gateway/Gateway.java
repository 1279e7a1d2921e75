package cn.onestop.gateway;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.national.NationalServer;
import cn.onestop.visits.VisitUseCases;
import cn.onestop.db.Database;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.db.DatabaseObserver;
import cn.onestop.grpc.GrpcFront;
import cn.onestop.http.WebServer;
import cn.onestop.identity.AuthFailures;
import cn.onestop.metrics.Metrics;
import cn.onestop.identity.IdentityStore;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.settle.UseCases;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running gateway, assembled: database, rule versions, catalogs, the enrolment directory, the
 * ledger, the use cases over them, and the gRPC server with health checking and reflection.
 * Handlers run on a fixed pool sized to the database pool (JDBC blocks; Netty's event loops only
 * move bytes); a call that waited in the queue past its deadline is answered DEADLINE_EXCEEDED
 * without touching the database. Health follows the database and the queue ({@link Health}). Its
 * meters ({@link Metrics}) follow every call, settlement, cache, pool and queue, scraped at the
 * metrics endpoint ({@link MetricsEndpoint}) when it runs; every call leaves one log line.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Components parts;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor clearingExecutor;
    private final Health health;
    private final Server server;
    private final Metrics metrics;
    private final Database database;
    private final WebServer endpoint; // null: no metrics endpoint
    private volatile NationalServer national; // null: the national interface is not served

    private Gateway(Components parts, ThreadPoolExecutor executor, ThreadPoolExecutor clearingExecutor, Health health,
                    Server server, Metrics metrics, Database database, WebServer endpoint) {
        this.parts = parts;
        this.executor = executor;
        this.clearingExecutor = clearingExecutor;
        this.health = health;
        this.server = server;
        this.metrics = metrics;
        this.database = database;
        this.endpoint = endpoint;
    }

    /** Starts an endpoint beside the gRPC server once it is up. */
    private interface Endpoint {
        WebServer start(Health health, Components parts) throws IOException;
    }

    /**
     * Starts on Netty at {@code server.bind}:{@code server.port}, with TLS as {@code tls} says (the
     * development CA, made on the first start, when no certificates are configured), without a
     * metrics endpoint (the meters are kept all the same: {@link #metrics()}).
     */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, Clock clock)
            throws IOException, SQLException {
        return start(database, cfg, tls, ClearingConfig.defaults(), MetricsConfig.off(), NationalConfig.off(), clock);
    }

    /**
     * As {@link #start(Database, ServerConfig, TlsConfig, Clock)}, with the national platform's JSON
     * interface on {@code national.port} (unless it is off), with the same TLS and identities.
     */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, NationalConfig national,
                                Clock clock) throws IOException, SQLException {
        return start(database, cfg, tls, ClearingConfig.defaults(), MetricsConfig.off(), national, clock);
    }

    /** As {@link #start(Database, ServerConfig, TlsConfig, ClearingConfig, MetricsConfig, Clock)}, clearing as default. */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, MetricsConfig metricsCfg,
                                Clock clock) throws IOException, SQLException {
        return start(database, cfg, tls, ClearingConfig.defaults(), metricsCfg, NationalConfig.off(), clock);
    }

    /**
     * As {@link #start(Database, ServerConfig, TlsConfig, Clock)}, with the metrics endpoint on
     * {@code server.bind}:{@code metrics.port} when {@code metricsCfg} is enabled ({@link MetricsEndpoint})
     * and the national JSON interface on {@code national.port} when {@code national} is enabled.
     */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, ClearingConfig clearingCfg,
                                MetricsConfig metricsCfg, NationalConfig national, Clock clock)
            throws IOException, SQLException {
        clearingCfg.checkAgainst(cfg);
        Metrics metrics = new Metrics();
        Endpoint endpoint = !metricsCfg.enabled() ? null : (health, parts) -> MetricsEndpoint.start(metricsCfg, tls,
                metrics, health, parts.authenticator(), parts.authFailures());
        return open(database, cfg, clearingCfg, tls.recheck(), clock, metrics, parts -> {
            Listener.developmentIdentities(tls, parts.identities(), parts.directory());
            Gateway g = assemble(database, cfg, clearingCfg, clock, Listener.netty(cfg.port(), tls), parts, metrics,
                    endpoint);
            if (national.enabled()) {
                try {
                    g.national = NationalSide.start(database, parts, cfg, tls, national, new NationalServer.Workers(
                            g.executor, g.clearingExecutor), clearingCfg.timeout(), clock);
                } catch (IOException | RuntimeException e) {
                    g.stopServing(); // the parts and the meters are closed by open()
                    throw e;
                }
                LOG.info("national JSON interface on port {} (POST {})", g.national.port(), NationalServer.PATH);
            }
            return g;
        });
    }

    /**
     * Starts on an open database and the given server builder, whose transport security is the
     * caller's (in-process, for tests). Closing the gateway leaves the database open: its owner
     * closes it.
     */
    public static Gateway start(Database database, ServerConfig cfg, Clock clock, ServerBuilder<?> builder)
            throws IOException, SQLException {
        return start(database, cfg, ClearingConfig.defaults(), clock, builder);
    }

    /** As {@link #start(Database, ServerConfig, Clock, ServerBuilder)}, with the clearing side's settings. */
    public static Gateway start(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Clock clock,
                                ServerBuilder<?> builder) throws IOException, SQLException {
        clearingCfg.checkAgainst(cfg);
        Metrics metrics = new Metrics();
        return open(database, cfg, clearingCfg, TlsConfig.defaults().recheck(), clock, metrics,
                parts -> assemble(database, cfg, clearingCfg, clock, builder, parts, metrics, null));
    }

    private interface Assembly {
        Gateway build(Components parts) throws IOException;
    }

    private static Gateway open(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Duration recheck,
                                Clock clock, Metrics metrics, Assembly assembly) throws IOException, SQLException {
        Components parts = null;
        try {
            parts = Components.open(database, cfg, clearingCfg, recheck, clock, metrics.settlements());
            return assembly.build(parts);
        } catch (IOException | SQLException | RuntimeException e) {
            if (parts != null) {
                parts.close();
            }
            unwatch(database);
            metrics.close();
            throw e;
        }
    }

    private static Gateway assemble(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Clock clock,
                                    ServerBuilder<?> builder, Components parts, Metrics metrics, Endpoint endpoint)
            throws IOException {
        int poolSize = database.poolSize();
        int threads = cfg.threads() > 0 ? cfg.threads() : Math.max(2, poolSize);
        if (poolSize > 0 && poolSize < threads) {
            LOG.warn("{} worker threads share {} database connections: calls will queue for connections",
                    threads, poolSize);
        }
        // JDBC runs here, never on Netty's threads; a full queue is answered at once (RESOURCE_EXHAUSTED)
        Health health = new Health();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(cfg.queue()), named("onestop-worker"), health.rejections());
        GrpcFront.Admin admin = new GrpcFront.Admin(database.dataSource(), parts.ruleStore(), parts.rules(),
                parts.catalogs(), parts.directory(), database.pool(), executor);
        GrpcFront.Security security = new GrpcFront.Security(parts.authenticator(), parts.authFailures());
        List<ServerServiceDefinition> services = new java.util.ArrayList<>(GrpcFront.services(parts.useCases(), admin,
                security, cfg.defaultTimeout(), clock, cfg.zone(), cfg.echo()));
        if (cfg.echo()) {
            LOG.info("bench.echo: onestop.v1.EchoService is registered (a benchmark's baseline; off in production)");
        }
        // the clearing calls on an executor of their own: a month's reconciliation never takes a checkout's worker
        ThreadPoolExecutor clearingExecutor = new ThreadPoolExecutor(clearingCfg.threads(), clearingCfg.threads(), 0,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(clearingCfg.queue()), named("onestop-clearing"));
        services.add(GrpcFront.clearing(parts.clearing(), security, clearingCfg.timeout(), clearingExecutor));
        builder.directExecutor()
                .intercept(GrpcFront.identity())
                .intercept(GrpcFront.callLog(o -> {
                    if (!o.ok()) {
                        metrics.refused(o.service(), o.method(), o.code(), o.reason());
                    }
                }))
                .intercept(metrics.grpcServer(services)) // outermost: times every call, refused ones too
                .addService(health.manager().getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance()) // v1alpha, for older grpcurl
                .maxInboundMessageSize(cfg.maxMessageBytes()); // larger: RESOURCE_EXHAUSTED, before it is read
        services.forEach(builder::addService);
        watch(database, parts, executor, metrics);
        metrics.executor(clearingExecutor, "onestop-clearing");
        Server server = builder.build().start();
        health.start(database.health(), services.stream()
                .map(sv -> sv.getServiceDescriptor().getName()).toList(), executor,
                parts.useCases()::waitingSettlements, cfg.batching().queue());
        WebServer web = startEndpoint(endpoint, health, parts, server, executor, clearingExecutor);
        LOG.info("OneStop gateway listening on port {} with {} worker threads (database pool {}), rules generation {}, "
                + "{} catalog versions{}", server.getPort(), threads, poolSize, parts.rules().generation(),
                parts.catalogs().index().versions().size(), web == null ? "" : ", metrics on port " + web.port());
        return new Gateway(parts, executor, clearingExecutor, health, server, metrics, database, web);
    }

    private static WebServer startEndpoint(Endpoint endpoint, Health health, Components parts, Server server,
                                           ThreadPoolExecutor executor, ThreadPoolExecutor clearingExecutor)
            throws IOException {
        if (endpoint == null) {
            return null;
        }
        try {
            return endpoint.start(health, parts);
        } catch (IOException | RuntimeException e) {
            health.close();
            server.shutdownNow();
            executor.shutdown();
            clearingExecutor.shutdown();
            throw e;
        }
    }

    /** The node's meters follow the database, the caches, the workers and the batch queue. */
    private static void watch(Database database, Components parts, ThreadPoolExecutor executor, Metrics metrics) {
        database.meterPool(metrics.pool());
        database.observe(metrics.database());
        metrics.cache("rules", parts.rules().cache());
        metrics.cache("catalog", parts.catalogs().cache());
        metrics.cache("institutions", parts.directory().institutionCache());
        metrics.executor(executor, "onestop-worker");
        metrics.gauge("onestop.batch.waiting", "Settlements waiting for a batch writer",
                parts.useCases()::waitingSettlements);
        metrics.gauge("onestop.db.up", "1 while the database answers the health probe, else 0",
                () -> database.health().up() ? 1 : 0);
    }

    private static void unwatch(Database database) {
        database.meterPool(null);
        database.observe(DatabaseObserver.NONE);
    }

    public int port() {
        return server.getPort();
    }

    /** The port of the national JSON interface, or -1 when it is not served. */
    public int nationalPort() {
        NationalServer n = national;
        return n == null ? -1 : n.port();
    }

    /** The national flow's use cases (visits, their settlements, 冲正). */
    public VisitUseCases visits() {
        return parts.visits();
    }

    /** The use cases every front maps onto. */
    public UseCases useCases() {
        return parts.useCases();
    }

    /** The clearing side's use cases. */
    public ClearingUseCases clearing() {
        return parts.clearing();
    }

    /** Who is enrolled, as settlement reads it. */
    public PersonDirectory directory() {
        return parts.directory();
    }

    /** Principals, tokens and revoked certificates. */
    public IdentityStore identities() {
        return parts.identities();
    }

    /** Refused authentications on their way to the audit trail. */
    public AuthFailures authFailures() {
        return parts.authFailures();
    }

    public RuleCache rules() {
        return parts.rules();
    }

    /** The catalogs this node classifies coded lines with. */
    public CatalogCache catalogs() {
        return parts.catalogs();
    }

    /** The node's meters (scraped at {@code /metrics} when the endpoint runs). */
    public Metrics metrics() {
        return metrics;
    }

    /** The port of the metrics endpoint; empty when it does not run. */
    public java.util.OptionalInt metricsPort() {
        return endpoint == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(endpoint.port());
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        stopServing();
        parts.close();
        unwatch(database);
        metrics.close();
    }

    /** Stops every server and executor of this node; its parts stay open. */
    private void stopServing() {
        NationalServer n = national;
        if (n != null) {
            n.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        health.close();
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        executor.shutdown();
        clearingExecutor.shutdown();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

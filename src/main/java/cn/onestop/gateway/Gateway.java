package cn.onestop.gateway;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.db.Database;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.grpc.GrpcFront;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.IdentityStore;
import cn.onestop.national.NationalServer;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.settle.UseCases;
import cn.onestop.visits.VisitUseCases;
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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running gateway, assembled: database, rule versions, catalogs, the enrolment directory, the
 * ledger, the use cases over them, the gRPC server with health checking and reflection, and (when
 * configured) the national platform's JSON interface on its own port.
 * Handlers run on a fixed pool sized to the database pool (JDBC blocks; Netty's event loops only
 * move bytes); a call that waited in the queue past its deadline is answered DEADLINE_EXCEEDED
 * without touching the database. Health follows the database and the queue ({@link Health}).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Components parts;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor clearingExecutor;
    private final Health health;
    private final Server server;
    private volatile NationalServer national;

    private Gateway(Components parts, ThreadPoolExecutor executor, ThreadPoolExecutor clearingExecutor, Health health,
                    Server server) {
        this.parts = parts;
        this.executor = executor;
        this.clearingExecutor = clearingExecutor;
        this.health = health;
        this.server = server;
    }

    /**
     * Starts on Netty at {@code server.bind}:{@code server.port}, with TLS as {@code tls} says (the
     * development CA, made on the first start, when no certificates are configured).
     */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, Clock clock)
            throws IOException, SQLException {
        return start(database, cfg, tls, ClearingConfig.defaults(), NationalConfig.off(), clock);
    }

    /** As {@link #start(Database, ServerConfig, TlsConfig, Clock)}, with the clearing side's settings. */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, ClearingConfig clearingCfg,
                                Clock clock) throws IOException, SQLException {
        return start(database, cfg, tls, clearingCfg, NationalConfig.off(), clock);
    }

    /**
     * As {@link #start(Database, ServerConfig, TlsConfig, Clock)}, with the national platform's JSON
     * interface on {@code national.port} (unless it is off), with the same TLS and identities.
     */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, NationalConfig national,
                                Clock clock) throws IOException, SQLException {
        return start(database, cfg, tls, ClearingConfig.defaults(), national, clock);
    }

    /** The gateway with the clearing side's settings and the national interface as {@code national} says. */
    public static Gateway start(Database database, ServerConfig cfg, TlsConfig tls, ClearingConfig clearingCfg,
                                NationalConfig national, Clock clock) throws IOException, SQLException {
        clearingCfg.checkAgainst(cfg);
        Components parts = Components.open(database, cfg, clearingCfg, tls.recheck(), clock);
        Gateway g = null;
        try {
            Listener.developmentIdentities(tls, parts.identities(), parts.directory());
            g = assemble(database, cfg, clearingCfg, clock, Listener.netty(cfg.port(), tls), parts);
            if (national.enabled()) {
                g.national = NationalSide.start(database, parts, cfg, tls, national, new NationalServer.Workers(
                        g.executor, g.clearingExecutor), clearingCfg.timeout(), clock);
            }
            g.logStarted(database, cfg);
            return g;
        } catch (IOException | RuntimeException e) {
            if (g != null) {
                g.close();
            } else {
                parts.close();
            }
            throw e;
        }
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
        Components parts = Components.open(database, cfg, clearingCfg, TlsConfig.defaults().recheck(), clock);
        try {
            Gateway g = assemble(database, cfg, clearingCfg, clock, builder, parts);
            g.logStarted(database, cfg);
            return g;
        } catch (IOException | RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    private static Gateway assemble(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Clock clock,
                                    ServerBuilder<?> builder, Components parts) throws IOException {
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
        builder.directExecutor()
                .intercept(GrpcFront.identity())
                .addService(health.manager().getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance()) // v1alpha, for older grpcurl
                .maxInboundMessageSize(cfg.maxMessageBytes()); // larger: RESOURCE_EXHAUSTED, before it is read
        GrpcFront.Admin admin = new GrpcFront.Admin(database.dataSource(), parts.ruleStore(), parts.rules(),
                parts.catalogs(), parts.directory(), database.pool(), executor);
        GrpcFront.Security security = new GrpcFront.Security(parts.authenticator(), parts.authFailures());
        List<ServerServiceDefinition> services = new java.util.ArrayList<>(GrpcFront.services(parts.useCases(), admin,
                security, cfg.defaultTimeout(), clock, cfg.zone()));
        // the clearing calls on an executor of their own: a month's reconciliation never takes a checkout's worker
        ThreadPoolExecutor clearingExecutor = new ThreadPoolExecutor(clearingCfg.threads(), clearingCfg.threads(), 0,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(clearingCfg.queue()), named("onestop-clearing"));
        services.add(GrpcFront.clearing(parts.clearing(), security, clearingCfg.timeout(), clearingExecutor));
        services.forEach(builder::addService);
        Server server = builder.build().start();
        Gateway g = new Gateway(parts, executor, clearingExecutor, health, server);
        health.start(database.health(), services.stream()
                .map(sv -> sv.getServiceDescriptor().getName()).toList(), executor,
                parts.useCases()::waitingSettlements, cfg.batching().queue());
        return g;
    }

    private void logStarted(Database database, ServerConfig cfg) {
        LOG.info("OneStop gateway listening on port {} (gRPC){} with {} worker threads (database pool {}), rules "
                + "generation {}, {} catalog versions", server.getPort(), national == null ? ""
                : " and port " + national.port() + " (national JSON interface, POST " + NationalServer.PATH + ")",
                executor.getCorePoolSize(), database.poolSize(), parts.rules().generation(),
                parts.catalogs().index().versions().size());
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

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        NationalServer n = national;
        if (n != null) {
            n.close();
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
        parts.close();
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

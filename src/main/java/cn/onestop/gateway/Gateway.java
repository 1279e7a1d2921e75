package cn.onestop.gateway;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.catalog.CatalogStore;
import cn.onestop.db.Database;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.grpc.GrpcFront;
import cn.onestop.ledger.JdbcLedger;
import cn.onestop.settle.UseCases;
import io.grpc.ServerBuilder;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.rulestore.RuleStore;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running gateway, assembled: database, rule versions, catalogs, the enrolment directory, the
 * ledger, the use cases over them, and the gRPC server with health checking and reflection.
 * Handlers run on a fixed pool sized to the database pool (JDBC blocks; Netty's event loops only
 * move bytes); a call that waited in the queue past its deadline is answered DEADLINE_EXCEEDED
 * without touching the database.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final RuleCache rules;
    private final CatalogCache catalogs;
    private final PersonDirectory directory;
    private final UseCases useCases;
    private final ThreadPoolExecutor executor;
    private final HealthStatusManager health;
    private final Server server;
    private ClearingUseCases clearing;
    private ThreadPoolExecutor clearingExecutor;

    private Gateway(RuleCache rules, CatalogCache catalogs, PersonDirectory directory, UseCases useCases,
                    ThreadPoolExecutor executor, HealthStatusManager health, Server server) {
        this.rules = rules;
        this.catalogs = catalogs;
        this.directory = directory;
        this.useCases = useCases;
        this.executor = executor;
        this.health = health;
        this.server = server;
    }

    /** {@link #start(Database, ServerConfig, Clock, ServerBuilder)} on Netty, on {@code server.port}. */
    public static Gateway start(Database database, ServerConfig cfg, Clock clock) throws IOException, SQLException {
        return start(database, cfg, clock, NettyServerBuilder.forAddress(new InetSocketAddress(cfg.port())));
    }

    /**
     * Starts on an open database and the given server builder (Netty, or in-process for tests):
     * publishes the bundled rule tables the database lacks, loads the sample data (and the sample
     * catalog) into an empty database if asked, then serves. Closing the gateway leaves the database
     * open: its owner closes it.
     */
    public static Gateway start(Database database, ServerConfig cfg, Clock clock, ServerBuilder<?> builder)
            throws IOException, SQLException {
        return start(database, cfg, ClearingConfig.defaults(), clock, builder);
    }

    /** As {@link #start(Database, ServerConfig, Clock, ServerBuilder)}, with the clearing side's settings. */
    public static Gateway start(Database database, ServerConfig cfg, ClearingConfig clearingCfg, Clock clock,
                                ServerBuilder<?> builder) throws IOException, SQLException {
        clearingCfg.checkAgainst(cfg);
        RuleStore store = new RuleStore(database.dataSource(), clock);
        for (String note : store.seed(RuleFiles.bundledFiles())) {
            LOG.info("rules: {}", note);
        }
        RuleCache rules = new RuleCache(store, cfg.rulesPoll());
        CatalogStore catalogStore = new CatalogStore(database.dataSource(), clock);
        if (cfg.loadSamples()) {
            Samples.loadIfEmpty(database.dataSource(), cfg.samplesDir(), rules.get());
            Samples.loadCatalogIfEmpty(database.dataSource(), catalogStore, cfg.catalogDir());
        }
        CatalogCache catalogs = new CatalogCache(catalogStore, cfg.catalogCacheSize(), cfg.rulesPoll());
        PersonDirectory directory = new PersonDirectory(database.dataSource(), cfg.rulesPoll());
        UseCases useCases = UseCases.over(directory, new CatalogBills(catalogs), new JdbcLedger(database.dataSource()),
                rules, clock);
        int poolSize = database.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h
                ? h.getMaximumPoolSize() : 0;
        int threads = cfg.threads() > 0 ? cfg.threads() : Math.max(2, poolSize);
        if (poolSize > 0 && poolSize < threads) {
            LOG.warn("{} worker threads share {} database connections: calls will queue for connections",
                    threads, poolSize);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("onestop-worker"));
        HealthStatusManager health = new HealthStatusManager();
        builder.executor(executor)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance()) // v1alpha, for older grpcurl
                .maxInboundMessageSize(16 * 1024 * 1024);
        GrpcFront.Admin admin = new GrpcFront.Admin(database.dataSource(), store, rules, catalogs, directory,
                database.pool(), executor);
        GrpcFront.services(useCases, admin, cfg.defaultTimeout(), clock, cfg.zone()).forEach(builder::addService);
        ThreadPoolExecutor clearingExecutor = new ThreadPoolExecutor(clearingCfg.threads(), clearingCfg.threads(), 0,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("onestop-clearing"));
        ClearingUseCases clearing = ClearingSide.over(database, clearingCfg, rules, clock, cfg.zone());
        builder.addService(GrpcFront.clearing(clearing, clearingCfg.timeout(), clearingExecutor));
        Server server = builder.build().start();
        Gateway g = new Gateway(rules, catalogs, directory, useCases, executor, health, server);
        g.clearing = clearing;
        g.clearingExecutor = clearingExecutor;
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
        LOG.info("OneStop gateway listening on port {} with {} worker threads (database pool {}), rules generation {}, "
                + "{} catalog versions", server.getPort(), threads, poolSize, rules.generation(),
                catalogs.index().versions().size());
        return g;
    }

    public int port() {
        return server.getPort();
    }

    /** The use cases every front maps onto. */
    public UseCases useCases() {
        return useCases;
    }

    /** The clearing side's use cases. */
    public ClearingUseCases clearing() {
        return clearing;
    }

    /** Who is enrolled, as settlement reads it. */
    public PersonDirectory directory() {
        return directory;
    }

    public RuleCache rules() {
        return rules;
    }

    /** The catalogs this node classifies coded lines with. */
    public CatalogCache catalogs() {
        return catalogs;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        health.enterTerminalState();
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
        rules.close();
        catalogs.close();
        directory.close();
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

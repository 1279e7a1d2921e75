package cn.onestop.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: an optional embedded MariaDB, a HikariCP pool, Flyway migrations, and
 * a probe that knows whether the database answers ({@link #health()}).
 *
 * <p>Connections come with autoCommit off and READ COMMITTED isolation: every use is a transaction
 * that ends in a COMMIT or ROLLBACK, run through {@link Transactions} (and its one error policy), so
 * no transaction pays for switching autoCommit. A connection is waited for no longer than the running
 * call's deadline, and not at all while the probe knows the database is down ({@link CallDataSource}).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where the application's migrations live: SQL files, and the Java migrations that carry data over. */
    public static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:cn/onestop/db/migration"};

    private final List<HikariDataSource> pools; // one per node, in the order of preference
    private final CallDataSource dataSource;
    private final DatabaseProbe probe;
    private final List<PoolMetrics> poolMetrics; // one per node's pool, the side pools' added as they are made
    private com.zaxxer.hikari.metrics.MetricsTrackerFactory meter; // who meters the pools now, or null
    private final EmbeddedMariaDb embeddedDb; // null when external
    private final String jdbcUrl;
    private final String databaseName;
    private final DatabaseConfig config;
    private final String sessionInit; // a Galera node's session settings, or null
    private final java.util.Map<String, List<HikariDataSource>> sidePools = new java.util.LinkedHashMap<>();
    private boolean closed;

    private Database(
            List<HikariDataSource> pools,
            List<PoolMetrics> poolMetrics,
            CallDataSource dataSource,
            EmbeddedMariaDb embeddedDb,
            String jdbcUrl,
            String databaseName,
            DatabaseConfig config,
            String sessionInit) {
        this.pools = List.copyOf(pools);
        this.poolMetrics = new java.util.concurrent.CopyOnWriteArrayList<>(poolMetrics);
        this.probe = dataSource.probe();
        this.dataSource = dataSource;
        this.sessionInit = sessionInit;
        this.embeddedDb = embeddedDb;
        this.jdbcUrl = jdbcUrl;
        this.databaseName = databaseName;
        this.config = config;
    }

    /** Opens the database described by {@code cfg} and applies {@link #MIGRATIONS}. */
    public static Database open(DatabaseConfig cfg) throws SQLException, IOException {
        return open(cfg, MIGRATIONS);
    }

    /**
     * Opens the database: without a URL starts the embedded MariaDB in {@code cfg.embeddedDir()}
     * (logging in with its own generated password, whatever {@code cfg} says) and creates {@code
     * cfg.database()} if missing; with a URL that names no database, appends and
     * creates {@code cfg.database()}. Then builds the pool and runs Flyway over {@code
     * flywayLocations} (none given: {@link #MIGRATIONS}).
     *
     * @throws SQLException the server cannot be reached or refused a statement ({@link
     *     #isUnavailable} tells which)
     * @throws IOException the embedded server could not be started
     * @throws org.flywaydb.core.api.FlywayException a migration failed or does not validate
     */
    public static Database open(DatabaseConfig cfg, String... flywayLocations)
            throws SQLException, IOException {
        String[] locations =
                flywayLocations == null || flywayLocations.length == 0
                        ? MIGRATIONS.clone()
                        : flywayLocations.clone();
        long t0 = System.nanoTime();
        EmbeddedMariaDb embedded = null;
        List<HikariDataSource> pools = new ArrayList<>();
        List<PoolMetrics> metrics = new ArrayList<>();
        DatabaseProbe probe = null;
        try {
            String url;
            String dbName;
            if (cfg.embedded()) {
                embedded = EmbeddedMariaDb.start(cfg.embeddedDir());
                cfg = new DatabaseConfig(null, embedded.user(), embedded.password(), cfg.database(),
                        cfg.embeddedDir(), cfg.poolSize(), cfg.connectionTimeoutMs(), cfg.syncWait());
                dbName = cfg.database();
                createDatabaseIfMissing(embedded.jdbcUrl(""), cfg, dbName);
                url = embedded.jdbcUrl(dbName);
            } else {
                String inUrl = JdbcUrls.databaseOf(cfg.jdbcUrl());
                dbName = inUrl == null ? cfg.database() : inUrl;
                url = inUrl == null ? JdbcUrls.withDatabase(cfg.jdbcUrl(), dbName) : cfg.jdbcUrl();
            }
            List<String> nodes = Nodes.of(url);
            Reached first = Reached.first(nodes, cfg);
            if (nodes.size() > 1 && !first.galera()) {
                throw new ConfigurationException("db.url", "db.url names " + nodes.size() + " nodes but "
                        + Nodes.name(nodes.get(first.node())) + " is not a Galera cluster node (wsrep_on is OFF): "
                        + "independent servers would each keep a ledger of their own");
            }
            if (!cfg.embedded() && JdbcUrls.databaseOf(cfg.jdbcUrl()) == null) {
                createDatabaseIfMissing(JdbcUrls.withoutDatabase(nodes.get(first.node())), cfg, dbName);
            }
            String init = first.galera() ? "SET SESSION wsrep_sync_wait = " + cfg.syncWait() : null;
            for (int i = 0; i < nodes.size(); i++) {
                PoolMetrics m = new PoolMetrics();
                metrics.add(m);
                pools.add(Pools.newPool(nodes.get(i), "onestop-" + dbName + (nodes.size() > 1 ? "-" + (i + 1) : ""),
                        cfg, i == first.node(), init, first.galera(), m));
            }
            probe = new DatabaseProbe(nodes, cfg.user(), cfg.password()).start();
            CallDataSource ds = new CallDataSource(pools, probe);
            migrate(ds, dbName, locations, first.galera());
            log.info(
                    "Database {} ready at {} (pool {}{}, {}) in {} ms",
                    dbName,
                    url,
                    cfg.poolSize(),
                    nodes.size() > 1 ? " per node, " + nodes.size() + " nodes" : "",
                    embedded != null ? "embedded" : first.galera() ? "Galera, wsrep_sync_wait "
                            + cfg.syncWait() : "external",
                    (System.nanoTime() - t0) / 1_000_000);
            return new Database(pools, metrics, ds, embedded, url, dbName, cfg, init);
        } catch (SQLException | IOException | RuntimeException | Error e) {
            if (probe != null) {
                probe.close();
            }
            pools.forEach(HikariDataSource::close);
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** The first node of a list that answers, and whether it is a Galera node. */
    private record Reached(int node, boolean galera) {
        static Reached first(List<String> nodes, DatabaseConfig cfg) throws SQLException {
            SQLException failed = null;
            for (int i = 0; i < nodes.size(); i++) {
                try (Connection c = DriverManager.getConnection(JdbcUrls.withoutDatabase(nodes.get(i)), login(cfg))) {
                    return new Reached(i, NodeProbe.wsrepOn(c));
                } catch (SQLException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            throw failed;
        }
    }

    /**
     * The pooled data source (autoCommit off, READ COMMITTED); its waits are bounded by the running
     * call's deadline, and it fails at once while {@link #health()} knows the database is down.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Pool statistics: active, idle, total connections and threads waiting. */
    public HikariPoolMXBean pool() {
        return new AllPools(pools);
    }

    /**
     * From now on the pools' statistics — connections in use, idle, waited for, the wait, the use —
     * go to trackers {@code factory} makes (HikariCP's Micrometer one, say), one per node's pool; null:
     * to nobody. The trackers of the last call are closed.
     */
    public synchronized void meterPool(com.zaxxer.hikari.metrics.MetricsTrackerFactory factory) {
        meter = factory;
        poolMetrics.forEach(m -> m.track(factory));
    }

    /**
     * From now on {@code observer} hears every probe's ping time and every transaction's time on
     * {@link #dataSource()} ({@link Transactions}); {@link DatabaseObserver#NONE}: nobody does.
     */
    public void observe(DatabaseObserver observer) {
        dataSource.observe(observer);
        probe.observe(observer);
    }

    /** The most connections the pool of a node holds. */
    public int poolSize() {
        return pools.get(0).getMaximumPoolSize();
    }

    /** The nodes' URLs, in the order this gateway prefers them (one for a single server). */
    public List<String> nodes() {
        return pools.stream().map(HikariDataSource::getJdbcUrl).toList();
    }

    /** Whether the database answers now, and a way to hear it come and go. */
    public DatabaseProbe health() {
        return probe;
    }

    /** True when this Database started (and owns) an embedded server. */
    public boolean embedded() {
        return embeddedDb != null;
    }

    /** The embedded server, when {@link #embedded()}. */
    public Optional<EmbeddedMariaDb> embeddedServer() {
        return Optional.ofNullable(embeddedDb);
    }

    /** The URL the pool connects to (names the database). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database (schema) name. */
    public String databaseName() {
        return databaseName;
    }

    /**
     * A small pool of its own for work that must not take the settlement path's connections (the
     * clearing side's long reads): same database and settings, {@code size} connections, made once per
     * {@code purpose} and closed with this Database.
     */
    public synchronized DataSource sidePool(String purpose, int size) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        List<HikariDataSource> p = sidePools.get(purpose);
        if (p == null) {
            DatabaseConfig c = config.withPoolSize(size);
            p = new ArrayList<>();
            for (int i = 0; i < pools.size(); i++) { // a pool per node, as the main pools: the same failover
                PoolMetrics m = new PoolMetrics();
                p.add(Pools.newPool(pools.get(i).getJdbcUrl(), "onestop-" + databaseName + "-" + purpose
                        + (pools.size() > 1 ? "-" + (i + 1) : ""), c, false, sessionInit, probe.galera(), m));
                m.track(meter); // metered as the main pools are, under its own pool name
                poolMetrics.add(m);
            }
            sidePools.put(purpose, p);
        }
        return new CallDataSource(p, probe); // waits bounded by the call's deadline, as the main pool's
    }

    /** Closes the pool, then stops the embedded server if this Database started one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            probe.close();
            sidePools.values().forEach(ps -> ps.forEach(HikariDataSource::close));
            pools.forEach(HikariDataSource::close);
        } finally {
            if (embeddedDb != null) {
                embeddedDb.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + (embedded() ? ", embedded" : "") + "]";
    }

    /** Whether {@code e} means the database cannot be reached: {@link SqlErrors#isUnavailable}. */
    public static boolean isUnavailable(Throwable e) {
        return SqlErrors.isUnavailable(e);
    }

    // ---------------------------------------------------------------------------------------------

    private static void migrate(DataSource ds, String dbName, String[] locations, boolean galera) throws SQLException {
        long t0 = System.nanoTime();
        MigrateResult r = MigrationLock.around(ds, dbName, galera,
                () -> Flyway.configure().dataSource(ds).locations(locations).load().migrate());
        log.info(
                "Flyway on {}: {} migration(s) applied, schema version {} ({} ms)",
                dbName,
                r.migrationsExecuted,
                r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Creates {@code dbName} (utf8mb4) through a server URL if it does not exist. */
    static void createDatabaseIfMissing(String serverUrl, DatabaseConfig cfg, String dbName)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, login(cfg))) {
            boolean exists;
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
                ps.setString(1, dbName);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute(
                            "CREATE DATABASE IF NOT EXISTS `"
                                    + JdbcUrls.checkName(dbName)
                                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                }
                log.info("Created database {}", dbName);
            }
        }
    }

    private static Properties login(DatabaseConfig cfg) {
        Properties p = new Properties();
        p.setProperty("user", cfg.user());
        p.setProperty("password", cfg.password());
        p.setProperty("connectTimeout", String.valueOf(cfg.connectionTimeoutMs()));
        return p;
    }
}

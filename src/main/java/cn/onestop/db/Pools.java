package cn.onestop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;

/** The HikariCP pool of a {@link Database}: fixed size, autoCommit off, READ COMMITTED, the driver's options. */
final class Pools {
    private Pools() {
    }

    static HikariDataSource newPool(String url, String dbName, DatabaseConfig cfg, PoolMetrics metrics)
            throws SQLException {
        return newPool(url, "onestop-" + dbName, cfg, true, null, false, metrics);
    }

    /**
     * A pool of one node. {@code failFast}: fail now when the node cannot be reached (else the pool
     * starts empty and connects when it can: another node of a cluster may be down at the start);
     * {@code initSql}: run on every new connection (a Galera node's session settings), or null;
     * {@code galera}: the node is a Galera node ({@link #driverProperties}); {@code metrics}: the pool's
     * tracker, or null.
     */
    static HikariDataSource newPool(String url, String name, DatabaseConfig cfg, boolean failFast, String initSql,
                                    boolean galera, PoolMetrics metrics) throws SQLException {
        HikariConfig hc = new HikariConfig();
        if (metrics != null) {
            hc.setMetricsTrackerFactory(metrics);
        }
        hc.setPoolName(name);
        hc.setJdbcUrl(url);
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setMinimumIdle(cfg.poolSize()); // a fixed-size pool, as HikariCP recommends
        hc.setConnectionTimeout(cfg.connectionTimeoutMs());
        hc.setValidationTimeout(Math.max(250, Math.min(5_000, cfg.connectionTimeoutMs() / 2)));
        hc.setInitializationFailTimeout(failFast ? cfg.connectionTimeoutMs() : -1); // fail fast if unreachable
        if (initSql != null) {
            hc.setConnectionInitSql(initSql);
        }
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hc.setAutoCommit(false); // every use is a transaction (Transactions): no per-transaction flips
        driverProperties(url, cfg, galera).forEach((k, v) -> hc.addDataSourceProperty((String) k, v));
        try {
            return new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLTransientConnectionException(
                    "cannot connect to " + url + ": " + e.getMessage(), "08001", e);
        }
    }

    /**
     * MariaDB Connector/J 3.x options: server-side prepared statements, cached per connection (the
     * ledger repeats a handful of statements), and a TCP connect timeout matching the pool's.
     * Options already present in the URL win.
     *
     * <p>On a Galera node, client-side prepared statements (the text protocol) instead: a transaction
     * aborted by a replicated one (a brute-force abort, answered 1213) while the connection is in the
     * binary protocol's commands that take no answer ({@code COM_STMT_CLOSE}, {@code COM_STMT_RESET})
     * can leave the client waiting for an answer the server never sends — seen here as a settlement
     * lane held until its connection was closed, the server showing the session idle.
     */
    static Properties driverProperties(String url, DatabaseConfig cfg, boolean galera) {
        Properties p = new Properties();
        putUnlessInUrl(p, url, "useServerPrepStmts", galera ? "false" : "true");
        putUnlessInUrl(p, url, "cachePrepStmts", galera ? "false" : "true");
        if (!galera) {
            putUnlessInUrl(p, url, "prepStmtCacheSize", "250");
        }
        putUnlessInUrl(p, url, "connectTimeout", String.valueOf(cfg.connectionTimeoutMs()));
        return p;
    }

    private static void putUnlessInUrl(Properties p, String url, String key, String value) {
        int q = url.indexOf('?');
        String query = q < 0 ? "" : "&" + url.substring(q + 1).toLowerCase();
        if (!query.contains("&" + key.toLowerCase() + "=")) {
            p.setProperty(key, value);
        }
    }
}

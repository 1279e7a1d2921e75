package cn.onestop.db;

import cn.onestop.kernel.Deadline;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the application sees it: a connection is waited for no longer than the pool's timeout
 * and no longer than the running call's deadline ({@link Deadline#current}) allows, less a margin so
 * that the call is answered before its caller gives up; and not at all while the {@link
 * DatabaseProbe} knows the database is down. With several nodes ({@link Nodes}) there is a pool per
 * node and a connection comes from the first node the probe finds usable: when it is lost, or is a
 * Galera node no longer Synced, the next calls go to the next node; when it is back, to it again.
 *
 * <ul>
 *   <li>the database is down (probe), or the pool could not connect: {@code
 *       SQLTransientConnectionException}, which the one error policy ({@link SqlErrors}) answers
 *       UNAVAILABLE;
 *   <li>the database is up but every connection stayed busy until the call's time was spent: {@code
 *       SQLTimeoutException}, answered DEADLINE_EXCEEDED.
 * </ul>
 */
final class CallDataSource implements DataSource {
    /** At most this much of a call's remaining time is kept for answering it. */
    private static final long MAX_MARGIN_MS = 250;
    private static final long MIN_MARGIN_MS = 20;
    /** How long one ask of the pool waits before the probe is looked at again. */
    private static final long SLICE_MS = 100;

    private final java.util.List<HikariDataSource> pools;
    private final HikariDataSource pool; // the first: its settings are every pool's
    private final DatabaseProbe probe;
    private volatile DatabaseObserver observer = DatabaseObserver.NONE;

    CallDataSource(java.util.List<HikariDataSource> pools, DatabaseProbe probe) {
        this.pools = java.util.List.copyOf(pools);
        this.pool = this.pools.get(0);
        this.probe = probe;
    }

    /** The probe this data source follows. */
    DatabaseProbe probe() {
        return probe;
    }

    void observe(DatabaseObserver o) {
        observer = o;
    }

    /** Who hears how long the transactions on these connections take. */
    DatabaseObserver observer() {
        return observer;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!probe.up()) {
            throw down();
        }
        long wait = pool.getConnectionTimeout();
        boolean byDeadline = false;
        Optional<Deadline> deadline = Deadline.current();
        if (deadline.isPresent()) {
            long left = deadline.get().remaining().toMillis();
            long budget = left - Math.min(MAX_MARGIN_MS, Math.max(MIN_MARGIN_MS, left / 10));
            if (budget <= 0) {
                throw new SQLTimeoutException("the call's deadline leaves no time to wait for a connection", "HYT00");
            }
            if (budget < wait) {
                wait = budget;
                byDeadline = true;
            }
        }
        try {
            return waitFor(wait);
        } catch (SQLTransientConnectionException e) {
            probe.suspect();
            if (byDeadline && e.getCause() == null && probe.up()) {
                SQLTimeoutException t = new SQLTimeoutException("every database connection stayed busy for the "
                        + wait + " ms the call's deadline left", "HYT00");
                t.addSuppressed(e);
                throw t;
            }
            throw e;
        } catch (SQLException e) {
            probe.suspect();
            throw e;
        }
    }

    /**
     * A connection within {@code ms}, asked for in slices so that a wait that began before the probe
     * saw the database go is cut short when it does.
     */
    private Connection waitFor(long ms) throws SQLException {
        long until = System.nanoTime() + ms * 1_000_000;
        while (true) {
            long left = (until - System.nanoTime()) / 1_000_000;
            int node = Math.max(0, probe.preferred()); // a node down between the check and here: its pool says so
            HikariPool hikari = (HikariPool) pools.get(node).getHikariPoolMXBean();
            try {
                return hikari.getConnection(Math.max(1, Math.min(SLICE_MS, left)));
            } catch (SQLTransientConnectionException e) {
                if (pools.size() > 1) {
                    probe.suspect(); // this node's pool could not connect: look again, the next slice may go elsewhere
                }
                if (!probe.up()) {
                    SQLTransientConnectionException d = down();
                    d.addSuppressed(e);
                    throw d;
                }
                if (left <= SLICE_MS) {
                    throw e;
                }
            }
        }
    }

    private SQLTransientConnectionException down() {
        return new SQLTransientConnectionException("the database is unreachable: " + probe.problem(), "08001");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all log in as its own user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}

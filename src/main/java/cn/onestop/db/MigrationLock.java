package cn.onestop.db;

import cn.onestop.kernel.Deadline;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway at a time migrates a Galera cluster. On one server Flyway serializes migrations itself
 * with {@code GET_LOCK}; on a Galera node it does not use it (a named lock, like a row lock, holds on
 * one node only) and locks its history table with {@code SELECT … FOR UPDATE}, which two gateways on
 * two nodes both get: both would run the same DDL, replicated in total order, and the second would
 * fail ("Duplicate column"). So, on Galera, a lease row is taken first — {@code UPDATE … WHERE holder
 * = ''}, committed: a commit is certified cluster-wide, and of two gateways taking it at once one
 * commits and the other's commit fails and is tried again ({@link Transactions}), then finds it held
 * and waits. The lease lapses after {@link #LEASE} should its holder die while migrating.
 */
final class MigrationLock {
    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);
    /** How long a lease is held at most: longer than any migration. */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration WAIT = LEASE.plusMinutes(1);
    private static final String HOLDER = ManagementFactory.getRuntimeMXBean().getName() + " " + System.nanoTime();

    private MigrationLock() {
    }

    static <T> T around(DataSource ds, boolean galera, Supplier<T> migrate) throws SQLException {
        if (!galera) {
            return migrate.get();
        }
        Transactions tx = new Transactions(ds);
        tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS onestop_migration_lock (id TINYINT NOT NULL PRIMARY KEY, "
                        + "holder VARCHAR(200) NOT NULL, until TIMESTAMP(3) NOT NULL) ENGINE=InnoDB");
                st.executeUpdate("INSERT IGNORE INTO onestop_migration_lock (id, holder, until) "
                        + "VALUES (1, '', '1970-01-02 00:00:00')");
            }
            return null;
        });
        take(tx);
        try {
            return migrate.get();
        } finally {
            tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE onestop_migration_lock SET holder = '' WHERE id = 1 AND holder = ?")) {
                    ps.setString(1, HOLDER);
                    return ps.executeUpdate();
                }
            });
        }
    }

    private static void take(Transactions tx) throws SQLException {
        Deadline d = Deadline.after(WAIT);
        boolean told = false;
        while (!d.expired()) {
            int taken = tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE onestop_migration_lock SET holder = ?, "
                        + "until = NOW(3) + INTERVAL " + LEASE.toSeconds() + " SECOND "
                        + "WHERE id = 1 AND (holder = '' OR until < NOW(3))")) {
                    ps.setString(1, HOLDER);
                    return ps.executeUpdate();
                }
            });
            if (taken == 1) {
                return;
            }
            if (!told) {
                log.info("another gateway is migrating the cluster's schema; waiting for it");
                told = true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting to migrate", "HY000", e);
            }
        }
        throw new SQLException("the schema migration lease stayed held for " + WAIT.toMinutes() + " minutes", "HY000");
    }
}

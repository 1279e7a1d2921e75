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
 * and waits. The lease lapses after {@link #LEASE} should its holder die while migrating. The leases
 * live in a schema of their own, {@value #SCHEMA} (a row per application database): a table in the
 * application's schema before its first migration would make Flyway refuse it as not empty.
 */
final class MigrationLock {
    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);
    /** How long a lease is held at most: longer than any migration. */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration WAIT = LEASE.plusMinutes(1);
    private static final String HOLDER = ManagementFactory.getRuntimeMXBean().getName() + " " + System.nanoTime();
    static final String SCHEMA = "onestop_migration";

    private MigrationLock() {
    }

    static <T> T around(DataSource ds, String database, boolean galera, Supplier<T> migrate) throws SQLException {
        if (!galera) {
            return migrate.get();
        }
        Transactions tx = new Transactions(ds);
        tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
                st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".leases (db VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "holder VARCHAR(200) NOT NULL, until TIMESTAMP(3) NOT NULL) ENGINE=InnoDB");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + SCHEMA + ".leases (db, holder, "
                    + "until) VALUES (?, '', '1970-01-02 00:00:00')")) {
                ps.setString(1, database);
                ps.executeUpdate();
            }
            return null;
        });
        take(tx, database);
        try {
            return migrate.get();
        } finally {
            tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + SCHEMA + ".leases SET holder = '' WHERE db = ? AND holder = ?")) {
                    ps.setString(1, database);
                    ps.setString(2, HOLDER);
                    return ps.executeUpdate();
                }
            });
        }
    }

    private static void take(Transactions tx, String database) throws SQLException {
        Deadline d = Deadline.after(WAIT);
        boolean told = false;
        while (!d.expired()) {
            int taken = tx.write(Deadline.after(Duration.ofMinutes(1)), c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + SCHEMA + ".leases SET holder = ?, "
                        + "until = NOW(3) + INTERVAL " + LEASE.toSeconds() + " SECOND "
                        + "WHERE db = ? AND (holder = '' OR until < NOW(3))")) {
                    ps.setString(1, HOLDER);
                    ps.setString(2, database);
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

package cn.onestop.db;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.StoreException;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one transaction helper and its error policy, against a real MariaDB. */
class TransactionsTest {
    static Database db;
    static Transactions tx;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("transactions");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)");
            s.execute("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
            c.commit();
        }
        tx = new Transactions(db.dataSource());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    static int value(int id) {
        return tx.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t WHERE id = " + id)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aDeadlockRunsTheWholeWorkAgainAndOnlyTheSecondRunCounts() {
        AtomicInteger runs = new AtomicInteger();
        int before = value(1);
        int r = tx.write(soon(), c -> {
            c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            if (runs.incrementAndGet() == 1) {
                throw new SQLTransactionRollbackException("Deadlock found", "40001", 1213);
            }
            return runs.get();
        });
        assertEquals(2, r);
        assertEquals(before + 1, value(1), "the first run was rolled back");
    }

    @Test
    void aLockWaitThatTimesOutIsRetriedAndSucceedsOnceTheLockIsFree() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement().executeQuery("SELECT v FROM t WHERE id = 2 FOR UPDATE").close();
                held.countDown();
                Thread.sleep(1_500);
                c.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        AtomicInteger runs = new AtomicInteger();
        tx.write(soon(), c -> {
            runs.incrementAndGet();
            c.createStatement().execute("SET SESSION innodb_lock_wait_timeout = 1");
            c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 2");
            return null;
        });
        holder.get(10, TimeUnit.SECONDS);
        assertTrue(runs.get() >= 2, "waited out once (1205), then ran again: " + runs.get());
        assertEquals(1, value(2));
    }

    @Test
    void aUniqueKeyRaceThatNeverClearsIsAConflictAfterTheAttempts() {
        AtomicInteger runs = new AtomicInteger();
        StoreException e = assertThrows(StoreException.class, () -> tx.write(soon(), c -> {
            runs.incrementAndGet();
            throw new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062);
        }));
        assertEquals(StoreException.Kind.CONFLICT, e.kind());
        assertEquals(Transactions.ATTEMPTS, runs.get());
    }

    @Test
    void aNodeLostAfterTheConflictRetriesAreSpentStillRunsTheKeyedWorkAgainOnTheOtherNode() throws Exception {
        // two addresses of one server as two nodes: the failover path without a cluster (Database.open
        // refuses two nodes that are not Galera nodes, so the pools are made here)
        String url = db.jdbcUrl();
        List<String> nodes = List.of(url, url.replace("//127.0.0.1:", "//localhost:"));
        DatabaseConfig cfg = TestDatabase.config(db.databaseName()).withPoolSize(2);
        List<HikariDataSource> pools = List.of(Pools.newPool(nodes.get(0), "n1", cfg, true, null, false, null),
                Pools.newPool(nodes.get(1), "n2", cfg, true, null, false, null));
        try (DatabaseProbe probe = new DatabaseProbe(nodes, cfg.user(), cfg.password()).start()) {
            CallDataSource two = new CallDataSource(pools, probe);
            assertEquals(2, probe.nodes());
            Transactions overTwo = new Transactions(two);
            AtomicInteger runs = new AtomicInteger();
            int before = value(1);
            var r = overTwo.decideKeyed(soon(), c -> {
                c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                int run = runs.incrementAndGet();
                if (run < Transactions.ATTEMPTS) {
                    throw new SQLTransactionRollbackException("Deadlock found", "40001", 1213);
                }
                if (run == Transactions.ATTEMPTS) { // the conflict retries are spent: now the node goes
                    killOwnConnection(c);
                }
                return cn.onestop.kernel.Result.ok(run);
            });
            assertEquals(cn.onestop.kernel.Result.ok(Transactions.ATTEMPTS + 1), r, "run again after the loss");
            assertEquals(before + 1, value(1), "only the last run committed");
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    static void killOwnConnection(Connection c) throws SQLException {
        long id;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            id = rs.getLong(1);
        }
        try (Connection other = db.dataSource().getConnection()) {
            other.createStatement().execute("KILL CONNECTION " + id);
        }
        c.createStatement().executeQuery("SELECT 1").close(); // the loss, as the work sees it
    }

    @Test
    void anAnswerThatNeverComesWithinTheDeadlineFailsTheWorkSoonAfterItInsteadOfHoldingItsThread() {
        long t0 = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> tx.write(Deadline.after(Duration.ofMillis(500)),
                c -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SLEEP(8)")) {
                        return rs.next();
                    }
                }));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4_000, "given up at the deadline and its margin, not after the 8 s statement: " + ms + " ms");
        assertEquals(StoreException.Kind.TIMEOUT, e.kind(), String.valueOf(e));
        assertTrue(value(1) >= 0, "the pool still answers");
    }

    @Test
    void aConnectionLostMidWorkIsUnavailableAndTheCauseIsTheLossNotTheCleanUp() {
        StoreException e = assertThrows(StoreException.class, () -> tx.write(soon(), c -> {
            long id;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (Connection other = db.dataSource().getConnection()) {
                other.createStatement().execute("KILL CONNECTION " + id);
            }
            return c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
        }));
        assertEquals(StoreException.Kind.UNAVAILABLE, e.kind(), String.valueOf(e));
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        assertTrue(!String.valueOf(e.getCause().getMessage()).contains("Connection is closed"),
                "the loss itself is reported: " + e.getCause());
    }

    @Test
    void readingOnALostConnectionIsUnavailableToo() {
        StoreException e = assertThrows(StoreException.class, () -> tx.read(c -> {
            long id;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (Connection other = db.dataSource().getConnection()) {
                other.createStatement().execute("KILL CONNECTION " + id);
            }
            return c.createStatement().executeQuery("SELECT 1");
        }));
        assertEquals(StoreException.Kind.UNAVAILABLE, e.kind(), String.valueOf(e));
    }

    @Test
    void aStatementTheServerRefusesFailsWithItsOwnError() {
        StoreException e = assertThrows(StoreException.class, () -> tx.write(soon(),
                c -> c.createStatement().executeUpdate("UPDATE no_such_table SET v = 1")));
        assertEquals(StoreException.Kind.FAILED, e.kind());
        assertTrue(e.getCause().getMessage().contains("no_such_table"), e.getCause().getMessage());
    }

    @Test
    void thePolicyNamesEachKindOfError() {
        assertEquals(SqlErrors.Verdict.RETRY, SqlErrors.classify(new SQLException("deadlock", "40001", 1213)));
        assertEquals(SqlErrors.Verdict.RETRY, SqlErrors.classify(new SQLException("lock wait", "HY000", 1205)));
        assertEquals(SqlErrors.Verdict.UNAVAILABLE, SqlErrors.classify(new SQLException("gone", "08S01", 0)));
        assertEquals(SqlErrors.Verdict.NODE_NOT_READY, SqlErrors.classify(new java.sql.SQLNonTransientConnectionException(
                "WSREP has not yet prepared node for application use", "08S01", 1047)), "a Galera node not ready");
        assertTrue(SqlErrors.isUnavailable(new SQLException("WSREP has not yet prepared node", "08S01", 1047)));
        assertEquals(SqlErrors.Verdict.UNAVAILABLE, SqlErrors.classify(new SQLException(
                "Got error 6 during COMMIT", "HY000", 1180)), "a commit whose outcome is unknown");
        assertEquals(SqlErrors.Verdict.TIMEOUT, SqlErrors.classify(new SQLException("max_statement_time", "70100",
                1969)));
        assertEquals(SqlErrors.Verdict.FAILED, SqlErrors.classify(new SQLException("syntax", "42000", 1064)));
        assertEquals(SqlErrors.Verdict.UNAVAILABLE, SqlErrors.classify(new RuntimeException("wrapped",
                new SQLException("gone", "08003", 0))), "the cause chain is read");
    }

    @Test
    void aReadCommittedReadIsNeverHeldUpByAWritersLocksAndSeesOnlyWhatIsCommittedEachStatementAnew()
            throws Exception {
        try (Connection writer = db.dataSource().getConnection(); Statement w = writer.createStatement()) {
            w.executeQuery("SELECT v FROM t WHERE id = 3 FOR UPDATE").close();
            w.executeUpdate("UPDATE t SET v = 41 WHERE id = 3"); // locked and not committed
            long t0 = System.nanoTime();
            int[] seen = tx.readCommitted(c -> {
                int before = readV(c, 3);
                w.getConnection().commit(); // commits while the read-only transaction is open
                return new int[] {before, readV(c, 3)};
            });
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "no lock wait");
            assertEquals(0, seen[0], "the uncommitted change is not seen");
            assertEquals(41, seen[1], "the next statement reads what was committed since");
        }
        tx.write(soon(), c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE t SET v = 0 WHERE id = 3");
            }
        });
    }

    @Test
    void aWriteInAReadCommittedReadIsRefusedAndTheConnectionGoesBackAsItCame() {
        StoreException e = assertThrows(StoreException.class, () -> tx.readCommitted(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE t SET v = 9 WHERE id = 3");
            }
        }));
        assertTrue(String.valueOf(e.getCause()).contains("READ ONLY"), String.valueOf(e.getCause()));
        assertEquals(0, value(3));
        int written = tx.write(soon(), c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE t SET v = 0 WHERE id = 3");
            }
        });
        assertEquals(1, written, "the pooled connection is writable again");
    }

    private static int readV(Connection c, int id) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t WHERE id = " + id)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

package cn.onestop.ledger;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.kernel.Deadline;
import cn.onestop.settle.YearKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A year row that another transaction commits between this one's locking read (which found none) and
 * its INSERT … ON DUPLICATE KEY — on a Galera cluster, a settlement of the same person applied from
 * another node — is only locked by that INSERT, not created: when this transaction then moves nothing
 * (a replay, a refusal), the row and the other settlement's moves stay.
 */
class YearRowRaceTest {
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("year_row_race");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.enrol(c, "R1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 50_000, null);
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aRowCommittedByAnotherBeforeTheInsertIsNotRemovedWhenThisTransactionMovesNothing() throws Exception {
        YearKey key = new YearKey("R1", "NM-REGION-EMPLOYEE", 2025);
        try (Connection c = db.dataSource().getConnection()) {
            YearRowStore rows = new YearRowStore(beforeInsert(c, () -> {
                try (Connection other = db.dataSource().getConnection()) {
                    other.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year, "
                            + "admissions, pool_paid) VALUES ('R1', 'NM-REGION-EMPLOYEE', 2025, 1, 12345)");
                    other.commit();
                }
            }));
            var locked = rows.lock(List.of(key), Deadline.after(Duration.ofSeconds(10)));
            assertEquals(1, locked.get(key).get(cn.onestop.request.Accumulator.ADMISSIONS), "the row as committed");
            rows.apply(List.of()); // this transaction's settlement was a replay: no move
            c.commit();
        }
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT admissions, pool_paid FROM accumulators "
                     + "WHERE person_id = 'R1' AND year = 2025")) {
            assertTrue(rs.next(), "the other settlement's row is still there");
            assertEquals(1, rs.getLong(1));
            assertEquals(12345, rs.getLong(2));
            c.rollback();
        }
    }

    interface Hook {
        void run() throws Exception;
    }

    /** {@code c}, running {@code hook} once, just before it prepares the INSERT of missing year rows. */
    static Connection beforeInsert(Connection c, Hook hook) {
        boolean[] done = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("prepareStatement") && !done[0]
                            && String.valueOf(args[0]).startsWith("INSERT INTO accumulators")) {
                        done[0] = true;
                        hook.run();
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package cn.onestop.ledger;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.StringJoiner;

/**
 * The per-person, per-plan, per-year accumulator rows and their journal. A settlement locks its
 * row ({@code SELECT … FOR UPDATE}) before reading it, so settlements of one person serialize
 * across terminals and nodes; a new year starts from a zero row (accumulators roll over by
 * themselves, the account balance does not).
 */
final class AccumulatorStore {
    private static final String COLUMNS;
    private static final String LOCK;
    private static final String READ;
    private static final String APPLY;
    private static final String JOURNAL;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner set = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            cols.add(a.key());
            set.add(a.key() + " = " + a.key() + " + ?");
            marks.add("?");
        }
        COLUMNS = cols.toString();
        LOCK = "SELECT " + COLUMNS + " FROM accumulators WHERE person_id = ? AND plan = ? AND year = ? FOR UPDATE";
        READ = "SELECT " + COLUMNS + " FROM accumulators WHERE person_id = ? AND plan = ? AND year = ?";
        APPLY = "UPDATE accumulators SET " + set + " WHERE person_id = ? AND plan = ? AND year = ?";
        JOURNAL = "INSERT INTO accumulator_journal (person_id, plan, year, kind, settlement_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, " + marks + ")";
    }

    private AccumulatorStore() {
    }

    /** Creates the year's row if it is the first settlement of the year, then locks and reads it. */
    static Accumulators lock(Connection c, String personId, String plan, int year, int timeoutSeconds)
            throws SQLException {
        Accumulators row = lockExisting(c, personId, plan, year, timeoutSeconds);
        if (row != null) {
            return row;
        }
        // the year's first settlement: create the row. ON DUPLICATE KEY takes the row's exclusive
        // lock at once; INSERT IGNORE would take a shared lock first, and two settlements upgrading
        // their shared locks deadlock each other
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accumulators (person_id, plan, year) "
                + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE year = year")) {
            if (timeoutSeconds > 0) {
                ps.setQueryTimeout(timeoutSeconds);
            }
            ps.setString(1, personId);
            ps.setString(2, plan);
            ps.setInt(3, year);
            ps.executeUpdate();
        }
        row = lockExisting(c, personId, plan, year, timeoutSeconds);
        if (row == null) {
            throw new SQLException("accumulator row " + personId + "/" + plan + "/" + year + " vanished");
        }
        return row;
    }

    /** Locks and reads the row if it exists (no gap lock under READ COMMITTED); null if not. */
    private static Accumulators lockExisting(Connection c, String personId, String plan, int year, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            if (timeoutSeconds > 0) {
                ps.setQueryTimeout(timeoutSeconds);
            }
            return readOrNull(ps, personId, plan, year);
        }
    }

    /** The row without a lock; zero when the year has no row yet. */
    static Accumulators peek(Connection c, String personId, String plan, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            return read(ps, personId, plan, year);
        }
    }

    private static Accumulators read(PreparedStatement ps, String personId, String plan, int year)
            throws SQLException {
        Accumulators row = readOrNull(ps, personId, plan, year);
        return row == null ? Accumulators.ZERO : row;
    }

    private static Accumulators readOrNull(PreparedStatement ps, String personId, String plan, int year)
            throws SQLException {
        ps.setString(1, personId);
        ps.setString(2, plan);
        ps.setInt(3, year);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long[] v = new long[Accumulator.count()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rs.getLong(i + 1);
            }
            return Accumulators.of(v);
        }
    }

    /** Moves the (locked) row by {@code delta} and journals the move. */
    static void apply(Connection c, String personId, String plan, int year, String kind, String settlementId,
                      Accumulators delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(APPLY)) {
            int i = 1;
            for (Accumulator a : Accumulator.values()) {
                ps.setLong(i++, delta.get(a));
            }
            ps.setString(i++, personId);
            ps.setString(i++, plan);
            ps.setInt(i, year);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("accumulator row " + personId + "/" + plan + "/" + year + " is missing");
            }
        }
        journal(c, personId, plan, year, kind, settlementId, delta);
    }

    static void journal(Connection c, String personId, String plan, int year, String kind, String settlementId,
                        Accumulators delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JOURNAL)) {
            ps.setString(1, personId);
            ps.setString(2, plan);
            ps.setInt(3, year);
            ps.setString(4, kind);
            ps.setString(5, settlementId);
            int i = 6;
            for (Accumulator a : Accumulator.values()) {
                ps.setLong(i++, delta.get(a));
            }
            ps.executeUpdate();
        }
    }

    static String columns() {
        return COLUMNS;
    }
}

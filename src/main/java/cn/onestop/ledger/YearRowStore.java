package cn.onestop.ledger;

import cn.onestop.kernel.Deadline;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.settle.YearKey;
import cn.onestop.settle.YearRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The per-person, per-plan, per-year accumulator rows and their journal. A settlement locks its row
 * ({@code SELECT … FOR UPDATE}) before reading it; a new year starts from a zero row (accumulators
 * roll over by themselves, the account balance does not).
 */
final class YearRowStore implements YearRows {
    static final String COLUMNS;
    private static final String LOCK;
    private static final String READ;
    private static final String APPLY;
    private static final String JOURNAL_ROW;
    private static final String JOURNAL;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner set = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            cols.add(a.key());
            set.add(a.key() + " = " + a.key() + " + ?");
        }
        COLUMNS = cols.toString();
        LOCK = "SELECT " + COLUMNS + " FROM accumulators WHERE person_id = ? AND plan = ? AND year = ? FOR UPDATE";
        READ = "SELECT " + COLUMNS + " FROM accumulators WHERE person_id = ? AND plan = ? AND year = ?";
        APPLY = "UPDATE accumulators SET " + set + " WHERE person_id = ? AND plan = ? AND year = ?";
        JOURNAL_ROW = "(" + Sql.marks(5 + Accumulator.count()) + ")";
        JOURNAL = "INSERT INTO accumulator_journal (person_id, plan, year, kind, settlement_id, " + COLUMNS
                + ") VALUES ";
    }

    private final Connection c;

    YearRowStore(Connection c) {
        this.c = c;
    }

    @Override
    public Map<YearKey, Accumulators> lock(Collection<YearKey> keys, Deadline deadline) {
        return Sql.get("lock accumulator rows", () -> {
            Map<YearKey, Accumulators> out = new LinkedHashMap<>();
            for (YearKey k : new TreeSet<>(keys)) {
                out.put(k, lockOne(k, deadline));
            }
            return out;
        });
    }

    private Accumulators lockOne(YearKey k, Deadline deadline) throws SQLException {
        Accumulators row = lockExisting(k, deadline);
        if (row != null) {
            return row;
        }
        // the year's first settlement: create the row. ON DUPLICATE KEY takes the row's exclusive
        // lock at once; INSERT IGNORE would take a shared lock first, and two settlements upgrading
        // their shared locks deadlock each other
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accumulators (person_id, plan, year) "
                + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE year = year")) {
            timeout(ps, deadline);
            bind(ps, 1, k);
            ps.executeUpdate();
        }
        row = lockExisting(k, deadline);
        if (row == null) {
            throw new SQLException("accumulator row " + k + " vanished");
        }
        return row;
    }

    /** Locks and reads the row if it exists (no gap lock under READ COMMITTED); null if not. */
    private Accumulators lockExisting(YearKey k, Deadline deadline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            timeout(ps, deadline);
            return readOrNull(ps, k);
        }
    }

    @Override
    public Accumulators peek(YearKey k) {
        return Sql.get("read accumulator row", () -> {
            try (PreparedStatement ps = c.prepareStatement(READ)) {
                Accumulators row = readOrNull(ps, k);
                return row == null ? Accumulators.ZERO : row;
            }
        });
    }

    @Override
    public void apply(List<Move> moves) {
        if (moves.isEmpty()) {
            return;
        }
        Sql.run("move accumulator rows", () -> {
            try (PreparedStatement ps = c.prepareStatement(APPLY)) {
                for (Move m : moves) {
                    int i = 1;
                    for (Accumulator a : Accumulator.values()) {
                        ps.setLong(i++, m.delta().get(a));
                    }
                    bind(ps, i, m.key());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("accumulator row " + m.key() + " is missing");
                    }
                }
            }
            journal(moves);
        });
    }

    private void journal(List<Move> moves) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JOURNAL + Sql.rows(JOURNAL_ROW, moves.size()))) {
            int i = 1;
            for (Move m : moves) {
                i = bind(ps, i, m.key());
                ps.setString(i++, m.kind());
                ps.setString(i++, m.settlementId());
                for (Accumulator a : Accumulator.values()) {
                    ps.setLong(i++, m.delta().get(a));
                }
            }
            ps.executeUpdate();
        }
    }

    private static Accumulators readOrNull(PreparedStatement ps, YearKey k) throws SQLException {
        bind(ps, 1, k);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return read(rs, 1);
        }
    }

    /** The accumulators in {@link #COLUMNS} order from column {@code first} on. */
    static Accumulators read(ResultSet rs, int first) throws SQLException {
        long[] v = new long[Accumulator.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rs.getLong(first + i);
        }
        return Accumulators.of(v);
    }

    private static int bind(PreparedStatement ps, int i, YearKey k) throws SQLException {
        ps.setString(i++, k.personId());
        ps.setString(i++, k.plan());
        ps.setInt(i++, k.year());
        return i;
    }

    private static void timeout(PreparedStatement ps, Deadline deadline) throws SQLException {
        if (deadline != null) {
            ps.setQueryTimeout(deadline.seconds());
        }
    }
}

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
    private static final String READ;
    private static final String APPLY;
    private static final String APPLY_FIRST;
    private static final String APPLY_ROW;
    private static final String APPLY_SET;
    private static final String JOURNAL_ROW;
    private static final String JOURNAL;
    private static final String ALL_ZERO;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner upsert = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            cols.add(a.key());
            upsert.add("a." + a.key() + " = a." + a.key() + " + d." + a.key());
        }
        COLUMNS = cols.toString();
        StringJoiner zero = new StringJoiner(" AND ");
        for (Accumulator a : Accumulator.values()) {
            zero.add(a.key() + " = 0");
        }
        ALL_ZERO = zero.toString();
        READ = "SELECT " + COLUMNS + " FROM accumulators WHERE person_id = ? AND plan = ? AND year = ?";
        // every locked row moved by its delta in one statement: the deltas as a derived table, joined
        StringJoiner named = new StringJoiner(", ", "SELECT ? AS person_id, ? AS plan, ? AS year, ", "");
        StringJoiner plain = new StringJoiner(", ", "SELECT ?, ?, ?, ", "");
        for (Accumulator a : Accumulator.values()) {
            named.add("? AS " + a.key());
            plain.add("?");
        }
        APPLY = "UPDATE accumulators a JOIN (";
        APPLY_FIRST = named.toString();
        APPLY_ROW = plain.toString();
        APPLY_SET = ") d ON a.person_id = d.person_id AND a.plan = d.plan AND a.year = d.year SET " + upsert;
        JOURNAL_ROW = "(" + Sql.marks(5 + Accumulator.count()) + ")";
        JOURNAL = "INSERT INTO accumulator_journal (person_id, plan, year, kind, settlement_id, " + COLUMNS
                + ") VALUES ";
    }

    private final Connection c;

    /** Rows this transaction created; those no move touched are removed before it commits. */
    private final java.util.Set<YearKey> created = new java.util.HashSet<>();

    YearRowStore(Connection c) {
        this.c = c;
    }

    /**
     * Locks the rows in key order with one locking read; the year's first settlements create their
     * rows first (ON DUPLICATE KEY takes the row's exclusive lock at once; INSERT IGNORE would take a
     * shared lock first, and two settlements upgrading their shared locks deadlock each other).
     */
    @Override
    public Map<YearKey, Accumulators> lock(Collection<YearKey> keys, Deadline deadline) {
        List<YearKey> sorted = List.copyOf(new TreeSet<>(keys));
        return Sql.get("lock accumulator rows", () -> {
            Map<YearKey, Accumulators> found = lockExisting(sorted, deadline);
            if (found.size() < sorted.size()) {
                List<YearKey> missing = sorted.stream().filter(k -> !found.containsKey(k)).toList();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO accumulators (person_id, plan, year) VALUES "
                        + Sql.rows("(?, ?, ?)", missing.size()) + " ON DUPLICATE KEY UPDATE year = year")) {
                    timeout(ps, deadline);
                    int i = 1;
                    for (YearKey k : missing) {
                        i = bind(ps, i, k);
                    }
                    ps.executeUpdate();
                }
                created.addAll(missing);
                found.putAll(lockExisting(missing, deadline));
                if (found.size() < sorted.size()) {
                    throw new SQLException("accumulator rows vanished while being locked");
                }
            }
            Map<YearKey, Accumulators> out = new LinkedHashMap<>();
            sorted.forEach(k -> out.put(k, found.get(k)));
            return out;
        });
    }

    /** Locks and reads the rows that exist (no gap lock under READ COMMITTED). */
    private Map<YearKey, Accumulators> lockExisting(List<YearKey> keys, Deadline deadline) throws SQLException {
        Map<YearKey, Accumulators> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT person_id, plan, year, " + COLUMNS
                + " FROM accumulators WHERE (person_id, plan, year) IN (" + Sql.rows("(?, ?, ?)", keys.size())
                + ") ORDER BY person_id, plan, year FOR UPDATE")) {
            timeout(ps, deadline);
            int i = 1;
            for (YearKey k : keys) {
                i = bind(ps, i, k);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new YearKey(rs.getString(1), rs.getString(2), rs.getInt(3)), read(rs, 4));
                }
            }
        }
        return out;
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

    /**
     * A row created for a settlement that was then refused (or replayed) is not left behind. Only a row
     * still all zero is removed: on a Galera cluster a row this transaction did not find may have
     * arrived from another node before its INSERT … ON DUPLICATE KEY, which then only locked it; that
     * row carries another settlement's moves and must stay (an absent row and a zero row mean the same).
     */
    private void discardUnmoved(List<Move> moves) {
        java.util.Set<YearKey> unmoved = new java.util.TreeSet<>(created);
        moves.forEach(m -> unmoved.remove(m.key()));
        created.clear();
        if (unmoved.isEmpty()) {
            return;
        }
        Sql.run("remove unmoved accumulator rows", () -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM accumulators WHERE (person_id, plan, year) IN ("
                    + Sql.rows("(?, ?, ?)", unmoved.size()) + ") AND " + ALL_ZERO)) {
                int i = 1;
                for (YearKey k : unmoved) {
                    i = bind(ps, i, k);
                }
                ps.executeUpdate();
            }
        });
    }

    /** Moves the locked rows by their deltas in one statement, and journals every move in another. */
    @Override
    public void apply(List<Move> moves) {
        discardUnmoved(moves);
        if (moves.isEmpty()) {
            return;
        }
        Sql.run("move accumulator rows", () -> {
            StringBuilder sql = new StringBuilder(APPLY);
            for (int i = 0; i < moves.size(); i++) {
                sql.append(i == 0 ? APPLY_FIRST : " UNION ALL " + APPLY_ROW);
            }
            sql.append(APPLY_SET);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (Move m : moves) {
                    i = bind(ps, i, m.key());
                    for (Accumulator a : Accumulator.values()) {
                        ps.setLong(i++, m.delta().get(a));
                    }
                }
                if (ps.executeUpdate() != moves.size()) {
                    throw new SQLException("an accumulator row to move is missing");
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

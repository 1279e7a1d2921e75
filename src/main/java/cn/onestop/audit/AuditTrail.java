package cn.onestop.audit;

import cn.onestop.db.Transactions;
import cn.onestop.kernel.AuditEvent;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit trail, written in the transaction that did the thing. Each thread appends
 * to a hash chain of its own ({@link AuditChain}), one per database, whose last place and hash are
 * registered in {@code audit_chains} in the same transaction: no two transactions wait for each
 * other to append, a rolled-back transaction takes its rows and its register move with it, and the
 * register tells an auditor where every chain ends, so a deleted last row is found like any other.
 */
public final class AuditTrail {
    static final int SUBJECT = 100;
    static final int DETAIL = 1000;
    /** This thread's chains, by database. */
    private static final ThreadLocal<Map<String, AuditChain>> CHAINS = ThreadLocal.withInitial(HashMap::new);
    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    private AuditTrail() {
    }

    /** What the server itself did (an import, a publish). */
    public static void record(Connection c, String action, String subject, String detail) throws SQLException {
        append(c, List.of(AuditEvent.local(action, subject, detail)));
    }

    /**
     * Appends the events, in order, to this thread's chain. Must run inside a {@link Transactions}
     * unit of work: if it does not commit, the chain is forgotten here and the next entry starts one.
     */
    public static void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        String database = String.valueOf(c.getCatalog());
        Map<String, AuditChain> chains = CHAINS.get();
        Transactions.ifRolledBack(() -> chains.remove(database));
        AuditChain start = chains.remove(database);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditRow> rows = events.stream().map(e -> AuditRow.of(e, at)).toList();
        if (start == null || !move(c, start, start.after(rows))) {
            start = register(c);
            move(c, start, start.after(rows));
        }
        StringBuilder sql = new StringBuilder("INSERT INTO audit_log (at, actor, role, action, subject, outcome, "
                + "request_id, detail, chain_id, chain_seq, prev_hash, row_hash) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        AuditChain chain = start;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (AuditRow row : rows) {
                AuditChain next = chain.next(row);
                ps.setTimestamp(i++, Timestamp.from(at));
                ps.setString(i++, row.actor());
                ps.setString(i++, row.role());
                ps.setString(i++, row.action());
                ps.setString(i++, row.subject());
                ps.setString(i++, row.outcome());
                ps.setString(i++, row.requestId());
                ps.setString(i++, row.detail());
                ps.setString(i++, next.id());
                ps.setLong(i++, next.seq());
                ps.setBytes(i++, chain.hash());
                ps.setBytes(i++, next.hash());
                chain = next;
            }
            ps.executeUpdate();
        }
        chains.put(database, chain);
    }

    /** Moves the chain's register from {@code from} to {@code to}, if it is where this thread left it. */
    private static boolean move(Connection c, AuditChain from, AuditChain to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_chains SET last_seq = ?, last_hash = ? "
                + "WHERE chain_id = ? AND last_seq = ?")) {
            ps.setLong(1, to.seq());
            ps.setBytes(2, to.hash());
            ps.setString(3, from.id());
            ps.setLong(4, from.seq());
            return ps.executeUpdate() == 1;
        }
    }

    private static AuditChain register(Connection c) throws SQLException {
        AuditChain chain = AuditChain.start();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_chains (chain_id, origin, started_at, "
                + "last_seq, last_hash) VALUES (?, ?, ?, 0, ?)")) {
            ps.setString(1, chain.id());
            String origin = PROCESS + " " + Thread.currentThread().getName();
            ps.setString(2, origin.length() > 200 ? origin.substring(0, 200) : origin);
            ps.setTimestamp(3, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            ps.setBytes(4, chain.hash());
            ps.executeUpdate();
        }
        return chain;
    }
}

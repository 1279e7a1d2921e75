package cn.onestop.audit;

import cn.onestop.db.Transactions;
import cn.onestop.kernel.AuditEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only audit trail, written in the transaction that did the thing. Each thread appends
 * to a hash chain of its own ({@link AuditChain}): no two transactions wait for each other to append,
 * and a transaction that is rolled back (or whose commit fails) ends its thread's chain, so the next
 * entry starts a new one and no committed chain ever has a hole that was not made by tampering.
 */
public final class AuditTrail {
    static final int SUBJECT = 100;
    static final int DETAIL = 1000;
    private static final ThreadLocal<AuditChain> CHAIN = new ThreadLocal<>();

    private AuditTrail() {
    }

    /** What the server itself did (an import, a publish). */
    public static void record(Connection c, String action, String subject, String detail) throws SQLException {
        append(c, List.of(AuditEvent.local(action, subject, detail)));
    }

    /**
     * Appends the events, in order, in one statement, to this thread's chain. Must run inside a
     * {@link Transactions} unit of work (its rollback ends the chain).
     */
    public static void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        AuditChain chain = CHAIN.get();
        if (chain == null) {
            chain = AuditChain.start();
        }
        Transactions.ifRolledBack(CHAIN::remove);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StringBuilder sql = new StringBuilder("INSERT INTO audit_log (at, actor, role, action, subject, outcome, "
                + "request_id, detail, chain_id, chain_seq, prev_hash, row_hash) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (AuditEvent e : events) {
                AuditRow row = AuditRow.of(e, at);
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
        } catch (SQLException | RuntimeException e) {
            CHAIN.remove();
            throw e;
        }
        CHAIN.set(chain);
    }
}

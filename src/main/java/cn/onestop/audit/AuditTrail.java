package cn.onestop.audit;

import cn.onestop.kernel.AuditEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The audit trail: who did what to which record, written in the transaction that did it. */
public final class AuditTrail {
    private static final int SUBJECT = 100;
    private static final int DETAIL = 1000;

    private AuditTrail() {
    }

    public static void record(Connection c, String action, String subject, String detail) throws SQLException {
        append(c, List.of(new AuditEvent(action, subject, detail)));
    }

    /** Appends the events in one statement, in order. */
    public static void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO audit_log (action, subject, detail) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (AuditEvent e : events) {
                ps.setString(i++, e.action());
                ps.setString(i++, cut(e.subject(), SUBJECT));
                ps.setString(i++, cut(e.detail(), DETAIL));
            }
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}

package cn.onestop.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The audit trail: who did what to which record, written in the transaction that did it. */
public final class AuditTrail {
    private AuditTrail() {
    }

    public static void record(Connection c, String action, String subject, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (action, subject, detail) VALUES (?, ?, ?)")) {
            ps.setString(1, action);
            ps.setString(2, subject.length() > 100 ? subject.substring(0, 100) : subject);
            ps.setString(3, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
            ps.executeUpdate();
        }
    }
}

package cn.onestop.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * (institution, message id) of every Settle and Reverse, written in the same transaction as its
 * effects; the primary key makes a second write of the same key fail, so two identical retries
 * racing each other cannot both take effect.
 */
final class IdempotencyStore {
    private IdempotencyStore() {
    }

    record Key(String operation, byte[] requestHash, String targetId) {
    }

    static Key find(Connection c, String institutionCode, String messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT operation, request_hash, target_id "
                + "FROM idempotency_keys WHERE institution_code = ? AND message_id = ?")) {
            ps.setString(1, institutionCode);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Key(rs.getString(1), rs.getBytes(2), rs.getString(3)) : null;
            }
        }
    }

    static void insert(Connection c, String institutionCode, String messageId, String operation, byte[] hash,
                       String targetId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (institution_code, message_id, "
                + "operation, request_hash, target_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, institutionCode);
            ps.setString(2, messageId);
            ps.setString(3, operation);
            ps.setBytes(4, hash);
            ps.setString(5, targetId);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}

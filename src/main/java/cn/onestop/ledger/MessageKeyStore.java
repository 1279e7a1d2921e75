package cn.onestop.ledger;

import cn.onestop.settle.MessageKeys;
import cn.onestop.settle.RequestDigest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * (institution, message id) of every Settle and Reverse, written in the same transaction as its
 * effects; the primary key makes a second write of the same key fail.
 */
final class MessageKeyStore implements MessageKeys {
    private final Connection c;

    MessageKeyStore(Connection c) {
        this.c = c;
    }

    @Override
    public Optional<Key> find(String institutionCode, String messageId) {
        return Sql.get("read message key", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT operation, hash_kind, request_hash, target_id, "
                    + "created_at FROM idempotency_keys WHERE institution_code = ? AND message_id = ?")) {
                ps.setString(1, institutionCode);
                ps.setString(2, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Key(institutionCode, messageId, Operation.valueOf(rs.getString(1)),
                            RequestDigest.HashKind.valueOf(rs.getString(2)), rs.getBytes(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        });
    }

    @Override
    public List<Key> findAll(java.util.Collection<Ref> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        return Sql.get("read message keys", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT institution_code, message_id, operation, hash_kind, "
                    + "request_hash, target_id, created_at FROM idempotency_keys WHERE (institution_code, message_id) "
                    + "IN (" + Sql.rows("(?, ?)", refs.size()) + ")")) {
                int i = 1;
                for (Ref r : refs) {
                    ps.setString(i++, r.institutionCode());
                    ps.setString(i++, r.messageId());
                }
                List<Key> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Key(rs.getString(1), rs.getString(2), Operation.valueOf(rs.getString(3)),
                                RequestDigest.HashKind.valueOf(rs.getString(4)), rs.getBytes(5), rs.getString(6),
                                rs.getTimestamp(7).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void insert(List<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Sql.run("write message keys", () -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (institution_code, "
                    + "message_id, operation, hash_kind, request_hash, target_id, created_at) VALUES "
                    + Sql.rows("(?, ?, ?, ?, ?, ?, ?)", keys.size()))) {
                int i = 1;
                for (Key k : keys) {
                    ps.setString(i++, k.institutionCode());
                    ps.setString(i++, k.messageId());
                    ps.setString(i++, k.operation().name());
                    ps.setString(i++, k.hashKind().name());
                    ps.setBytes(i++, k.hash());
                    ps.setString(i++, k.targetId());
                    ps.setTimestamp(i++, Timestamp.from(k.createdAt()));
                }
                ps.executeUpdate();
            }
        });
    }
}

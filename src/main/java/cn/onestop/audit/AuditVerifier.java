package cn.onestop.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes every chain of the audit trail against its register: each chain's rows must run 1, 2,
 * 3… to the place its register gives, each carrying the hash of the row before it, each row's hash
 * that of its own fields, the last one the register's. An edited row no longer matches its hash (nor
 * the next row's link); a deleted row leaves a gap, or a chain shorter than its register.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** What the check found. */
    public record Report(long rows, long chains, long unchained, List<String> discrepancies) {
    }

    private record Register(long lastSeq, byte[] lastHash) {
    }

    public static Report verify(Connection c) throws SQLException {
        Map<String, Register> registers = registers(c);
        List<String> found = new ArrayList<>();
        Map<String, Long> ends = new HashMap<>();
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, chain_seq, prev_hash, row_hash, at, actor, "
                + "role, action, subject, outcome, request_id, detail, entry_id FROM audit_log "
                + "WHERE chain_id IS NOT NULL ORDER BY chain_id, chain_seq"); ResultSet rs = ps.executeQuery()) {
            String chain = null;
            long seq = 0;
            byte[] last = AuditChain.GENESIS;
            while (rs.next()) {
                rows++;
                String id = rs.getString(1);
                if (!id.equals(chain)) {
                    end(chain, seq, last, registers, found);
                    chain = id;
                    seq = 0;
                    last = AuditChain.GENESIS;
                    if (!registers.containsKey(id)) {
                        found.add("audit trail chain " + id + ": not in the register of chains");
                    }
                }
                long s = rs.getLong(2);
                if (s != seq + 1) {
                    found.add("audit trail chain " + id + ": row " + range(seq + 1, s - 1) + " missing before row "
                            + s + " (deleted)");
                }
                byte[] prev = rs.getBytes(3);
                if (s == seq + 1 && !Arrays.equals(prev, last)) {
                    found.add("audit trail chain " + id + " row " + s + " (entry " + rs.getLong(13)
                            + "): does not follow the row before it (edited or replaced)");
                }
                AuditRow row = new AuditRow(rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
                if (!Arrays.equals(row.hash(prev, id, s), rs.getBytes(4))) {
                    found.add("audit trail chain " + id + " row " + s + " (entry " + rs.getLong(13)
                            + "): its content does not match its hash (edited): " + row.action() + " "
                            + row.subject());
                }
                seq = s;
                last = rs.getBytes(4);
                ends.put(id, s);
            }
            end(chain, seq, last, registers, found);
        }
        registers.forEach((id, r) -> {
            if (r.lastSeq() > 0 && !ends.containsKey(id)) {
                found.add("audit trail chain " + id + ": its " + r.lastSeq() + " rows are missing (deleted)");
            }
        });
        return new Report(rows, registers.size(), unchained(c), found);
    }

    /** A chain's last row against its register. */
    private static void end(String chain, long seq, byte[] last, Map<String, Register> registers, List<String> found) {
        Register r = chain == null ? null : registers.get(chain);
        if (r == null) {
            return;
        }
        if (seq < r.lastSeq()) {
            found.add("audit trail chain " + chain + ": row " + range(seq + 1, r.lastSeq())
                    + " missing at its end (deleted)");
        } else if (seq == r.lastSeq() && !Arrays.equals(last, r.lastHash())) {
            found.add("audit trail chain " + chain + ": its last row does not match its register (edited)");
        } else if (seq > r.lastSeq()) {
            found.add("audit trail chain " + chain + ": rows beyond the end its register records (added)");
        }
    }

    private static Map<String, Register> registers(Connection c) throws SQLException {
        Map<String, Register> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, last_seq, last_hash FROM audit_chains");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Register(rs.getLong(2), rs.getBytes(3)));
            }
        }
        return out;
    }

    private static long unchained(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE chain_id IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + ".." + to;
    }
}

package cn.onestop.visitstore;

import cn.onestop.db.Transactions;
import cn.onestop.kernel.Deadline;
import cn.onestop.visits.MessageJournal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/** The national message journal on MariaDB ({@code national_messages}, V30). */
public final class JdbcMessageJournal implements MessageJournal {
    private static final String COLUMNS = "institution_code, msgid, infno, digest, state, business_date, mdtrt_id, "
            + "target_id, output, voided_by";

    private final Transactions tx;

    public JdbcMessageJournal(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    private static Deadline deadline() {
        return Deadline.current().orElse(null);
    }

    @Override
    public Entry begin(String institutionCode, String messageId, String infno, byte[] digest, LocalDate today) {
        return tx.write(deadline(), c -> {
            Optional<Entry> e = lock(c, institutionCode, messageId);
            if (e.isPresent()) {
                return e.get();
            }
            insert(c, new Entry(institutionCode, messageId, infno, digest, State.PENDING, today, null, null, null,
                    null));
            return lock(c, institutionCode, messageId).orElseThrow();
        });
    }

    private static void insert(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO national_messages (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.institutionCode());
            ps.setString(2, e.messageId());
            ps.setString(3, e.infno());
            ps.setBytes(4, e.digest());
            ps.setString(5, e.state().name());
            ps.setDate(6, Date.valueOf(e.businessDate()));
            ps.setString(7, e.mdtrtId());
            ps.setString(8, e.targetId());
            ps.setString(9, e.output());
            ps.setString(10, e.voidedBy());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<Entry> find(String institutionCode, String messageId) {
        return tx.read(c -> select(c, institutionCode, messageId, ""));
    }

    private static Optional<Entry> lock(Connection c, String institutionCode, String messageId) throws SQLException {
        return select(c, institutionCode, messageId, " FOR UPDATE");
    }

    private static Optional<Entry> select(Connection c, String institutionCode, String messageId, String lock)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM national_messages "
                + "WHERE institution_code = ? AND msgid = ?" + lock)) {
            ps.setString(1, institutionCode);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        State.valueOf(rs.getString(5)), rs.getDate(6).toLocalDate(), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)));
            }
        }
    }

    @Override
    public boolean finish(String institutionCode, String messageId, String mdtrtId, String targetId, String output) {
        return tx.write(deadline(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE national_messages SET state = 'DONE', "
                    + "mdtrt_id = ?, target_id = ?, output = ? WHERE institution_code = ? AND msgid = ? "
                    + "AND state = 'PENDING'")) {
                ps.setString(1, mdtrtId);
                ps.setString(2, targetId);
                ps.setString(3, output);
                ps.setString(4, institutionCode);
                ps.setString(5, messageId);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            // done already (a retry that raced this one) counts as finished; voided does not
            return lock(c, institutionCode, messageId).map(e -> e.state() == State.DONE).orElse(false);
        });
    }

    @Override
    public void abandon(String institutionCode, String messageId) {
        tx.write(deadline(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM national_messages WHERE institution_code = ? "
                    + "AND msgid = ? AND state = 'PENDING'")) {
                ps.setString(1, institutionCode);
                ps.setString(2, messageId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Entry> voidMessage(String institutionCode, String messageId, String infno, String by,
                                       LocalDate today) {
        return tx.write(deadline(), c -> {
            Optional<Entry> e = lock(c, institutionCode, messageId);
            if (e.isEmpty()) {
                insert(c, new Entry(institutionCode, messageId, infno, new byte[0], State.VOIDED, today, null, null,
                        null, by));
            } else if (e.get().state() != State.VOIDED) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE national_messages SET state = 'VOIDED', "
                        + "voided_by = ? WHERE institution_code = ? AND msgid = ?")) {
                    ps.setString(1, by);
                    ps.setString(2, institutionCode);
                    ps.setString(3, messageId);
                    ps.executeUpdate();
                }
            }
            return e;
        });
    }
}

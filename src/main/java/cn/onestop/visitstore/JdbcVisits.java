package cn.onestop.visitstore;

import cn.onestop.db.Transactions;
import cn.onestop.kernel.Deadline;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.visits.FeeDetail;
import cn.onestop.visits.VisitRecord;
import cn.onestop.visits.VisitStatus;
import cn.onestop.visits.VisitStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The visits of the national flow and their fee details on MariaDB ({@code national_visits},
 * {@code national_fee_details}, V30). Every conditional write locks the visit's row first.
 */
public final class JdbcVisits implements VisitStore {
    private static final String COLUMNS = "mdtrt_id, institution_code, person_id, person_name, person_plan, person_status, civil_servant, "
            + "cert_type, cert_value, insutype, "
            + "med_type, visit_type, begin_time, end_time, status, settle_msgid, settlement_id, opened_by, info";

    private final Transactions tx;

    public JdbcVisits(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    private static Deadline deadline() {
        return Deadline.current().orElse(null);
    }

    @Override
    public void insert(VisitRecord v) {
        tx.write(deadline(), c -> {
            // a registration racing its own retry: the first one stands (a lost race runs this again)
            if (one(c, "SELECT " + COLUMNS + " FROM national_visits WHERE institution_code = ? AND opened_by = ? "
                    + "FOR UPDATE", v.institutionCode(), v.openedBy()).isPresent()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO national_visits (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 0;
                ps.setString(++i, v.mdtrtId());
                ps.setString(++i, v.institutionCode());
                ps.setString(++i, v.personId());
                ps.setString(++i, v.person().name());
                ps.setString(++i, v.person().plan());
                ps.setString(++i, v.person().status());
                ps.setBoolean(++i, v.person().civilServant());
                ps.setInt(++i, v.credential().type());
                ps.setString(++i, v.credential().value());
                ps.setString(++i, v.insutype());
                ps.setString(++i, v.medType());
                ps.setString(++i, v.type().name());
                ps.setTimestamp(++i, Timestamp.valueOf(v.begin()));
                ps.setTimestamp(++i, v.end() == null ? null : Timestamp.valueOf(v.end()));
                ps.setString(++i, v.status().name());
                ps.setString(++i, v.settleMessageId());
                ps.setString(++i, v.settlementId());
                ps.setString(++i, v.openedBy());
                ps.setString(++i, v.info());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<VisitRecord> find(String mdtrtId) {
        return tx.read(c -> one(c, "SELECT " + COLUMNS + " FROM national_visits WHERE mdtrt_id = ?", mdtrtId));
    }

    @Override
    public Optional<VisitRecord> openedBy(String institutionCode, String messageId) {
        return tx.read(c -> one(c, "SELECT " + COLUMNS + " FROM national_visits WHERE institution_code = ? "
                + "AND opened_by = ?", institutionCode, messageId));
    }

    private static Optional<VisitRecord> one(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(visit(rs)) : Optional.empty();
            }
        }
    }

    private static VisitRecord visit(ResultSet rs) throws SQLException {
        Timestamp end = rs.getTimestamp("end_time");
        return new VisitRecord(rs.getString("mdtrt_id"), rs.getString("institution_code"), rs.getString("person_id"),
                new VisitRecord.Person(rs.getString("person_name"), rs.getString("person_plan"),
                        rs.getString("person_status"), rs.getBoolean("civil_servant")),
                new CredentialRef(rs.getInt("cert_type"), rs.getString("cert_value")), rs.getString("insutype"),
                rs.getString("med_type"), VisitType.valueOf(rs.getString("visit_type")),
                rs.getTimestamp("begin_time").toLocalDateTime(), end == null ? null : end.toLocalDateTime(),
                VisitStatus.valueOf(rs.getString("status")), rs.getString("settle_msgid"),
                rs.getString("settlement_id"), rs.getString("opened_by"), rs.getString("info"));
    }

    /** The visit, its row locked for the rest of the transaction. */
    private static Optional<VisitRecord> lock(Connection c, String mdtrtId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM national_visits WHERE mdtrt_id = ? FOR UPDATE", mdtrtId);
    }

    @Override
    public Outcome move(String mdtrtId, Collection<VisitStatus> from, VisitStatus to, LocalDateTime end) {
        return tx.write(deadline(), c -> {
            Optional<VisitRecord> v = lock(c, mdtrtId);
            if (v.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (v.get().settleMessageId() != null) {
                return Outcome.SETTLING;
            }
            if (!from.contains(v.get().status())) {
                return Outcome.WRONG_STATUS;
            }
            update(c, "UPDATE national_visits SET status = ?, end_time = ? WHERE mdtrt_id = ?", to.name(),
                    end == null ? (to == VisitStatus.OPEN ? null : v.get().end()) : end, mdtrtId);
            return Outcome.DONE;
        });
    }

    @Override
    public Outcome claim(String mdtrtId, String messageId) {
        return tx.write(deadline(), c -> {
            Optional<VisitRecord> v = lock(c, mdtrtId);
            if (v.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (messageId.equals(v.get().settleMessageId())) {
                return Outcome.DONE;
            }
            if (v.get().settleMessageId() != null) {
                return Outcome.SETTLING;
            }
            if (v.get().status() == VisitStatus.CANCELLED) {
                return Outcome.WRONG_STATUS;
            }
            update(c, "UPDATE national_visits SET settle_msgid = ? WHERE mdtrt_id = ?", messageId, mdtrtId);
            return Outcome.DONE;
        });
    }

    @Override
    public void settled(String mdtrtId, String messageId, String settlementId) {
        tx.write(deadline(), c -> update(c, "UPDATE national_visits SET settlement_id = ? WHERE mdtrt_id = ? "
                + "AND settle_msgid = ?", settlementId, mdtrtId, messageId));
    }

    @Override
    public void release(String mdtrtId, String messageId) {
        tx.write(deadline(), c -> update(c, "UPDATE national_visits SET settle_msgid = NULL, settlement_id = NULL "
                + "WHERE mdtrt_id = ? AND settle_msgid = ?", mdtrtId, messageId));
    }

    @Override
    public void releaseAll(String institutionCode, String messageId) {
        tx.write(deadline(), c -> update(c, "UPDATE national_visits SET settle_msgid = NULL, settlement_id = NULL "
                + "WHERE institution_code = ? AND settle_msgid = ?", institutionCode, messageId));
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                ps.setObject(i + 1, a instanceof LocalDateTime t ? Timestamp.valueOf(t) : a);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public Outcome upload(String mdtrtId, List<FeeDetail> lines) {
        return tx.write(deadline(), c -> {
            Optional<Outcome> refused = changeable(c, mdtrtId);
            if (refused.isPresent()) {
                return refused.get();
            }
            Set<String> inForce = new HashSet<>();
            boolean allMine = true;
            for (FeeDetail d : details(c, mdtrtId)) {
                inForce.add(d.sn());
            }
            for (FeeDetail d : lines) {
                allMine &= inForce.contains(d.sn());
            }
            String by = lines.get(0).uploadedBy();
            if (allMine && details(c, mdtrtId).stream().filter(d -> by.equals(d.uploadedBy())).count() == lines.size()) {
                return Outcome.DONE; // this very upload, sent again
            }
            if (lines.stream().anyMatch(d -> inForce.contains(d.sn()))) {
                return Outcome.DUPLICATE;
            }
            insertDetails(c, mdtrtId, lines);
            return Outcome.DONE;
        });
    }

    private static void insertDetails(Connection c, String mdtrtId, List<FeeDetail> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO national_fee_details (mdtrt_id, feedetl_sn, "
                + "med_list_codg, medins_list_codg, item_name, unit_price, qty, amount, fee_time, chrg_bchno, uploaded_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FeeDetail d : lines) {
                int i = 0;
                ps.setString(++i, mdtrtId);
                ps.setString(++i, d.sn());
                ps.setString(++i, d.itemCode());
                ps.setString(++i, d.medinsItemCode());
                ps.setString(++i, d.itemName());
                ps.setLong(++i, d.unitPrice());
                ps.setLong(++i, d.qty());
                ps.setLong(++i, d.amount());
                ps.setTimestamp(++i, d.feeTime() == null ? null : Timestamp.valueOf(d.feeTime()));
                ps.setString(++i, d.batch());
                ps.setString(++i, d.uploadedBy());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Why the visit's details cannot change now, if they cannot; its row is locked. */
    private static Optional<Outcome> changeable(Connection c, String mdtrtId) throws SQLException {
        Optional<VisitRecord> v = lock(c, mdtrtId);
        if (v.isEmpty()) {
            return Optional.of(Outcome.NOT_FOUND);
        }
        if (v.get().settleMessageId() != null) {
            return Optional.of(Outcome.SETTLING);
        }
        if (v.get().status() == VisitStatus.CANCELLED) {
            return Optional.of(Outcome.WRONG_STATUS);
        }
        return Optional.empty();
    }

    @Override
    public List<FeeDetail> details(String mdtrtId) {
        return tx.read(c -> details(c, mdtrtId));
    }

    private static List<FeeDetail> details(Connection c, String mdtrtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT feedetl_sn, med_list_codg, medins_list_codg, "
                + "item_name, unit_price, qty, amount, fee_time, chrg_bchno, uploaded_by FROM national_fee_details "
                + "WHERE mdtrt_id = ? ORDER BY upload_seq")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                List<FeeDetail> out = new ArrayList<>();
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp("fee_time");
                    out.add(new FeeDetail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), t == null ? null : t.toLocalDateTime(),
                            rs.getString(9), rs.getString(10)));
                }
                return out;
            }
        }
    }

    @Override
    public Outcome describe(VisitRecord d) {
        return tx.write(deadline(), c -> {
            Optional<Outcome> refused = changeable(c, d.mdtrtId());
            if (refused.isPresent()) {
                return refused.get();
            }
            update(c, "UPDATE national_visits SET med_type = ?, visit_type = ?, info = ? WHERE mdtrt_id = ?",
                    d.medType(), d.type().name(), d.info(), d.mdtrtId());
            return Outcome.DONE;
        });
    }

    @Override
    public Outcome withdraw(String mdtrtId, Collection<String> sns, String batch, String uploadedBy) {
        return tx.write(deadline(), c -> {
            Optional<Outcome> refused = changeable(c, mdtrtId);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (sns != null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM national_fee_details WHERE mdtrt_id = ? "
                        + "AND feedetl_sn = ?")) {
                    for (String sn : sns) {
                        ps.setString(1, mdtrtId);
                        ps.setString(2, sn);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            } else if (batch != null) {
                update(c, "DELETE FROM national_fee_details WHERE mdtrt_id = ? AND chrg_bchno = ?", mdtrtId, batch);
            } else if (uploadedBy != null) {
                update(c, "DELETE FROM national_fee_details WHERE mdtrt_id = ? AND uploaded_by = ?", mdtrtId,
                        uploadedBy);
            } else {
                update(c, "DELETE FROM national_fee_details WHERE mdtrt_id = ?", mdtrtId);
            }
            return Outcome.DONE;
        });
    }
}

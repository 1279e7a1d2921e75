package cn.onestop.clearingstore;

import cn.onestop.centre.AdminDivision;
import cn.onestop.clearing.Books;
import cn.onestop.clearing.Entry;
import cn.onestop.clearing.FundAmount;
import cn.onestop.db.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ledger as clearing reads it: settlements by the day they were committed, reversals by the day
 * they were made (joined to what they undid), optionally with their fund rows. Each read is one
 * read-only transaction under READ COMMITTED with plain (non-locking) selects, streamed.
 */
public final class JdbcBooks implements Books {
    private static final int FETCH = 1000;
    private static final String AMOUNTS = "s.plan, s.insuplc_admdvs, s.mdtrtarea_admvs, s.clr_category, s.clr_type, "
            + "s.insutype, s.medfee_sumamt, s.fund_pay_sumamt, s.acct_pay, s.psn_cash_pay, s.hifp_pay";
    private static final String SETTLEMENTS = "SELECT s.settlement_id, s.settlement_id, s.person_id, "
            + "s.institution_code, s.message_id, s.message_id, s.created_at, " + AMOUNTS;
    private static final String REVERSALS = "SELECT r.reversal_id, s.settlement_id, s.person_id, r.institution_code, "
            + "r.message_id, s.message_id, r.created_at, " + AMOUNTS;

    private final Transactions tx;

    public JdbcBooks(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public boolean institutionExists(String code) {
        return tx.readCommitted(c -> exists(c, "SELECT 1 FROM institutions WHERE code = ?", code));
    }

    @Override
    public boolean regionKnown(AdminDivision region) {
        return tx.readCommitted(c -> exists(c, "SELECT 1 FROM persons WHERE insuplc_admdvs = ? LIMIT 1", region.code())
                || exists(c, "SELECT 1 FROM institutions WHERE region = ? LIMIT 1", region.code()));
    }

    @Override
    public void ofInstitution(String institutionCode, Instant from, Instant to, boolean funds, Consumer<Entry> each) {
        tx.readCommitted(c -> {
            stream(c, Entry.Kind.SETTLEMENT, SETTLEMENTS, "FROM settlements s", "s.institution_code = ?",
                    "s.created_at", institutionCode, from, to, funds, each);
            stream(c, Entry.Kind.REVERSAL, REVERSALS, "FROM reversals r JOIN settlements s ON s.settlement_id = "
                    + "r.settlement_id", "r.institution_code = ?", "r.created_at", institutionCode, from, to, funds, each);
            return null;
        });
    }

    @Override
    public void crossRegionOf(AdminDivision insured, Instant from, Instant to, Consumer<Entry> each) {
        String where = "s.insuplc_admdvs = ? AND s.clr_category <> 'LOCAL'";
        tx.readCommitted(c -> {
            stream(c, Entry.Kind.SETTLEMENT, SETTLEMENTS, "FROM settlements s", where, "s.created_at", insured.code(),
                    from, to, true, each);
            stream(c, Entry.Kind.REVERSAL, REVERSALS, "FROM reversals r JOIN settlements s ON s.settlement_id = "
                    + "r.settlement_id", where, "r.created_at", insured.code(), from, to, true, each);
            return null;
        });
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Streams the entries one query selects; with funds, one row per fund row, folded by entry. */
    private static void stream(Connection c, Entry.Kind kind, String select, String from, String where, String at,
                               String key, Instant start, Instant end, boolean funds, Consumer<Entry> each)
            throws SQLException {
        String sql = select + (funds ? ", f.fund_type, f.amount " : " ") + from
                + (funds ? " LEFT JOIN settlement_funds f ON f.settlement_id = s.settlement_id" : "")
                + " WHERE " + where + " AND " + at + " >= ? AND " + at + " < ?"
                + (funds ? " ORDER BY 1, f.seq" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                fold(rs, kind, funds, each);
            }
        }
    }

    private static void fold(ResultSet rs, Entry.Kind kind, boolean funds, Consumer<Entry> each) throws SQLException {
        long sign = kind == Entry.Kind.REVERSAL ? -1 : 1;
        Entry pending = null;
        List<FundAmount> rows = new ArrayList<>(4);
        while (rs.next()) {
            String id = rs.getString(1);
            if (pending != null && !pending.setlId().equals(id)) {
                each.accept(withFunds(pending, rows));
                rows.clear();
                pending = null;
            }
            if (pending == null) {
                pending = new Entry(kind, id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        Columns.clearing(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getString(13)),
                        sign * rs.getLong(14), sign * rs.getLong(15), sign * rs.getLong(16), sign * rs.getLong(17),
                        sign * rs.getLong(18), List.of());
            }
            if (funds && rs.getString(19) != null) {
                rows.add(new FundAmount(rs.getString(19), sign * rs.getLong(20)));
            }
        }
        if (pending != null) {
            each.accept(withFunds(pending, rows));
        }
    }

    private static Entry withFunds(Entry e, List<FundAmount> funds) {
        if (funds.isEmpty()) {
            return e;
        }
        return new Entry(e.kind(), e.setlId(), e.settlementId(), e.personId(), e.institutionCode(), e.messageId(),
                e.settlementMessageId(), e.at(), e.plan(), e.clearing(), e.medfeeSumamt(), e.fundPaySumamt(),
                e.acctPay(), e.psnCashPay(), e.hifpPay(), funds);
    }
}

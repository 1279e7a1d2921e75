package cn.onestop.clearingstore;

import cn.onestop.centre.AdminDivision;
import cn.onestop.clearing.Books;
import cn.onestop.clearing.Entry;
import cn.onestop.clearing.FundAmount;
import cn.onestop.clearing.GroupTotal;
import cn.onestop.db.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import cn.onestop.centre.Clearing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
            + "s.insutype, s.medfee_sumamt, s.fund_pay_sumamt, s.acct_pay, s.psn_cash_pay, s.hifp_pay, "
            + "COALESCE(v.mdtrt_id, s.settlement_id)";
    /**
     * The national message that made a settlement (2207 / 2304), kept by the message journal for good:
     * its 就诊ID is the visit's, not the settlement's — also after the visit was settled again.
     */
    private static final String VISIT = " LEFT JOIN national_messages v ON v.institution_code = s.institution_code "
            + "AND v.msgid = s.message_id AND v.target_id = s.settlement_id";
    private static final String SETTLEMENTS = "SELECT s.settlement_id, s.settlement_id, s.person_id, "
            + "s.institution_code, s.message_id, s.message_id, s.created_at, " + AMOUNTS;
    private static final String REVERSALS = "SELECT r.reversal_id, s.settlement_id, s.person_id, r.institution_code, "
            + "r.message_id, s.message_id, r.created_at, " + AMOUNTS;

    /**
     * The institution's covering index (V12): with a month wholly in range the optimizer would rather
     * walk (institution, settle_date) and read every wide row; this reads the index alone.
     */
    private static final String COVERING = "FORCE INDEX (settlements_institution_created)";

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
            stream(c, Entry.Kind.SETTLEMENT, SETTLEMENTS, "FROM settlements s " + COVERING, "s.institution_code = ?",
                    "s.created_at", institutionCode, from, to, funds, each);
            stream(c, Entry.Kind.REVERSAL, REVERSALS, "FROM reversals r JOIN settlements s ON s.settlement_id = "
                    + "r.settlement_id", "r.institution_code = ?", "r.created_at", institutionCode, from, to, funds, each);
            return null;
        });
    }

    @Override
    public void totalsOf(String institutionCode, Instant from, Instant to, Consumer<GroupTotal> each) {
        String sums = "s.insutype, s.clr_type, s.clr_category, COUNT(*), SUM(s.medfee_sumamt), SUM(s.fund_pay_sumamt), "
                + "SUM(s.acct_pay), SUM(s.psn_cash_pay) ";
        String group = " GROUP BY s.insutype, s.clr_type, s.clr_category";
        tx.readCommitted(c -> {
            query(c, "SELECT " + sums + "FROM settlements s " + COVERING + " WHERE s.institution_code = ? "
                    + "AND s.created_at >= ? "
                    + "AND s.created_at < ?" + group, institutionCode, from, to, rs -> groups(rs, 1, each));
            query(c, "SELECT " + sums + "FROM reversals r JOIN settlements s ON s.settlement_id = r.settlement_id "
                    + "WHERE r.institution_code = ? AND r.created_at >= ? AND r.created_at < ?" + group,
                    institutionCode, from, to, rs -> groups(rs, -1, each));
            return null;
        });
    }

    private static void groups(ResultSet rs, int sign, Consumer<GroupTotal> each) throws SQLException {
        while (rs.next()) {
            int n = rs.getInt(4);
            each.accept(new GroupTotal(Columns.insuranceType(rs.getString(1)), Columns.clearingType(rs.getString(2)),
                    cn.onestop.centre.ClearingCategory.valueOf(rs.getString(3)), sign > 0 ? n : 0, sign > 0 ? 0 : n,
                    sign * rs.getLong(5), sign * rs.getLong(6), sign * rs.getLong(7), sign * rs.getLong(8)));
        }
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

    /**
     * Streams the entries one query selects. Without funds, straight from the result (the institution's
     * covering index); with funds, the entries first, then their fund rows in one more query, then each
     * entry whole (a day or a month fits in memory; no sort in the database).
     */
    private static void stream(Connection c, Entry.Kind kind, String select, String from, String where, String at,
                               String key, Instant start, Instant end, boolean funds, Consumer<Entry> each)
            throws SQLException {
        String range = " WHERE " + where + " AND " + at + " >= ? AND " + at + " < ?";
        if (!funds) {
            query(c, select + " " + from + VISIT + range, key, start, end, rs -> fold(rs, kind, each));
            return;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        query(c, select + " " + from + VISIT + range, key, start, end,
                rs -> fold(rs, kind, e -> entries.put(e.settlementId(), e)));
        if (entries.isEmpty()) {
            return;
        }
        Map<String, List<FundAmount>> rows = new HashMap<>(entries.size() * 2);
        long sign = kind == Entry.Kind.REVERSAL ? -1 : 1;
        query(c, "SELECT s.settlement_id, f.fund_type, f.amount " + from
                + " JOIN settlement_funds f ON f.settlement_id = s.settlement_id" + range, key, start, end, rs -> {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(4))
                                .add(new FundAmount(rs.getString(2), sign * rs.getLong(3)));
                    }
                });
        for (Entry e : entries.values()) {
            each.accept(withFunds(e, rows.getOrDefault(e.settlementId(), List.of())));
        }
    }

    private interface Rows {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, String key, Instant start, Instant end, Rows rows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rows.read(rs);
            }
        }
    }

    private static void fold(ResultSet rs, Entry.Kind kind, Consumer<Entry> each) throws SQLException {
        long sign = kind == Entry.Kind.REVERSAL ? -1 : 1;
        Map<String, Clearing> clearings = new HashMap<>(); // a month has a handful: made once each
        while (rs.next()) {
            each.accept(new Entry(kind, rs.getString(1), rs.getString(2), rs.getString(19), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                    clearing(rs, clearings), sign * rs.getLong(14), sign * rs.getLong(15), sign * rs.getLong(16),
                    sign * rs.getLong(17), sign * rs.getLong(18), List.of()));
        }
    }

    private static Clearing clearing(ResultSet rs, Map<String, Clearing> made) throws SQLException {
        String insured = rs.getString(9);
        String treating = rs.getString(10);
        String category = rs.getString(11);
        String type = rs.getString(12);
        String insutype = rs.getString(13);
        String key = insured + treating + category + type + insutype;
        Clearing c = made.get(key);
        if (c == null) {
            c = Columns.clearing(insured, treating, category, type, insutype);
            made.put(key, c);
        }
        return c;
    }

    private static Entry withFunds(Entry e, List<FundAmount> funds) {
        if (funds.isEmpty()) {
            return e;
        }
        return new Entry(e.kind(), e.setlId(), e.settlementId(), e.mdtrtId(), e.personId(), e.institutionCode(),
                e.messageId(), e.settlementMessageId(), e.at(), e.plan(), e.clearing(), e.medfeeSumamt(),
                e.fundPaySumamt(), e.acctPay(), e.psnCashPay(), e.hifpPay(), funds);
    }
}

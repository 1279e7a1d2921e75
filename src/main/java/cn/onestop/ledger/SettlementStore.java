package cn.onestop.ledger;

import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementStatus;
import cn.onestop.api.v1.FundPayment;
import com.google.protobuf.InvalidProtocolBufferException;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Settlement records, their fund rows and reversals. A record is written once; only its status moves. */
final class SettlementStore {
    private static final String RECORD_COLUMNS = "settlement_id, institution_code, message_id, person_id, status, "
            + "result, created_at, reversal_id, reversed_at, settle_date";

    private SettlementStore() {
    }

    /** What the ledger writes for one settlement. */
    record NewSettlement(String settlementId, SettleCommand command, String personId, String plan, int year,
                         Settlement result, long ownDebit, String familyPersonId, long familyDebit,
                         String engineInput, Instant createdAt) {
    }

    static void insert(Connection c, NewSettlement s) throws SQLException {
        SettleCommand cmd = s.command();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO settlements (settlement_id, institution_code, "
                + "message_id, person_id, cert_type, cert_value, plan, year, settle_date, rule_version, "
                + "assistance_version, status, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay, "
                + "own_account_debit, family_person_id, family_account_debit, request_hash, engine_input, result, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SETTLED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, s.settlementId());
            ps.setString(i++, cmd.institutionCode());
            ps.setString(i++, cmd.messageId());
            ps.setString(i++, s.personId());
            ps.setInt(i++, cmd.credential().type());
            ps.setString(i++, cmd.credential().value());
            ps.setString(i++, s.plan());
            ps.setInt(i++, s.year());
            ps.setDate(i++, Date.valueOf(cmd.settleDate()));
            ps.setString(i++, s.result().getRuleVersion());
            if (s.result().getAssistanceVersion().isEmpty()) {
                ps.setNull(i++, Types.VARCHAR);
            } else {
                ps.setString(i++, s.result().getAssistanceVersion());
            }
            var a = s.result().getAmounts();
            ps.setLong(i++, a.getMedfeeSumamt());
            ps.setLong(i++, a.getFundPaySumamt());
            ps.setLong(i++, a.getAcctPay());
            ps.setLong(i++, a.getPsnCashPay());
            ps.setLong(i++, s.ownDebit());
            ps.setString(i++, s.familyPersonId());
            ps.setLong(i++, s.familyDebit());
            ps.setBytes(i++, cmd.requestHash());
            ps.setString(i++, s.engineInput());
            ps.setBytes(i++, s.result().toByteArray());
            ps.setTimestamp(i, Timestamp.from(s.createdAt()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO settlement_funds (settlement_id, fund, fund_type, amount) VALUES (?, ?, ?, ?)")) {
            for (FundPayment f : s.result().getFundsList()) {
                ps.setString(1, s.settlementId());
                ps.setString(2, f.getFund());
                ps.setString(3, f.getFundType());
                ps.setLong(4, f.getAmount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The fields a reversal needs, read under lock. */
    record Stored(SettlementRecord record, String plan, int year, long ownDebit, String familyPersonId,
                  long familyDebit) {
    }

    static Stored lockForReversal(Connection c, String settlementId) throws SQLException {
        return stored(c, settlementId, " FOR UPDATE");
    }

    /** The settlement's reversal fields; inside a reversal the row is already locked. */
    static Stored read(Connection c, String settlementId) throws SQLException {
        return stored(c, settlementId, "");
    }

    private static Stored stored(Connection c, String settlementId, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RECORD_COLUMNS + ", plan, year, own_account_debit, "
                + "family_person_id, family_account_debit FROM settlements WHERE settlement_id = ?" + lock)) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Stored(record(rs), rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getString(14),
                        rs.getLong(15));
            }
        }
    }

    /** Where a settlement sits, without a lock: enough to take the person's lock first. */
    record Locator(String settlementId, String institutionCode, String personId, String plan, int year) {
    }

    static Locator locate(Connection c, String settlementId, String institutionCode, String messageId)
            throws SQLException {
        String sql = "SELECT settlement_id, institution_code, person_id, plan, year FROM settlements WHERE "
                + (settlementId != null ? "settlement_id = ?" : "institution_code = ? AND message_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (settlementId != null) {
                ps.setString(1, settlementId);
            } else {
                ps.setString(1, institutionCode);
                ps.setString(2, messageId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Locator(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)) : null;
            }
        }
    }

    static void markReversed(Connection c, String settlementId, String reversalId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE settlements SET status = 'REVERSED', reversal_id = ?, "
                + "reversed_at = ? WHERE settlement_id = ? AND status = 'SETTLED'")) {
            ps.setString(1, reversalId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, settlementId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("settlement " + settlementId + " was not SETTLED");
            }
        }
    }

    static void insertReversal(Connection c, String reversalId, String settlementId, ReverseCommand cmd, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reversals (reversal_id, settlement_id, "
                + "institution_code, message_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, reversalId);
            ps.setString(2, settlementId);
            ps.setString(3, cmd.institutionCode());
            ps.setString(4, cmd.messageId());
            ps.setString(5, cmd.reason().length() > 500 ? cmd.reason().substring(0, 500) : cmd.reason());
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** The settlement a reversal undid. */
    static String reversedSettlement(Connection c, String reversalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id FROM reversals WHERE reversal_id = ?")) {
            ps.setString(1, reversalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static SettlementRecord find(Connection c, String settlementId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM settlements WHERE settlement_id = ?")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        }
    }

    static SettlementRecord findByMessage(Connection c, String institutionCode, String messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RECORD_COLUMNS
                + " FROM settlements WHERE institution_code = ? AND message_id = ?")) {
            ps.setString(1, institutionCode);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        }
    }

    /** A page of an institution's settlements, newest settlement date first, after the cursor. */
    static List<SettlementRecord> list(Connection c, String institutionCode, LocalDate from, LocalDate to,
                                       LocalDate afterDate, String afterId, int limit) throws SQLException {
        String sql = "SELECT " + RECORD_COLUMNS + " FROM settlements WHERE institution_code = ? "
                + "AND settle_date BETWEEN ? AND ? "
                + (afterDate == null ? "" : "AND (settle_date < ? OR (settle_date = ? AND settlement_id < ?)) ")
                + "ORDER BY settle_date DESC, settlement_id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, institutionCode);
            ps.setDate(i++, Date.valueOf(from));
            ps.setDate(i++, Date.valueOf(to));
            if (afterDate != null) {
                ps.setDate(i++, Date.valueOf(afterDate));
                ps.setDate(i++, Date.valueOf(afterDate));
                ps.setString(i++, afterId);
            }
            ps.setInt(i, limit);
            List<SettlementRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        }
    }

    private static SettlementRecord record(ResultSet rs) throws SQLException {
        Settlement result;
        try {
            result = Settlement.parseFrom(rs.getBytes(6));
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("settlement " + rs.getString(1) + " has an unreadable result", e);
        }
        SettlementRecord.Builder b = SettlementRecord.newBuilder()
                .setSettlementId(rs.getString(1))
                .setInstitutionCode(rs.getString(2))
                .setMessageId(rs.getString(3))
                .setPersonId(rs.getString(4))
                .setStatus(SettlementStatus.valueOf(rs.getString(5)))
                .setSettlement(result)
                .setCreatedAt(rs.getTimestamp(7).toInstant().toString());
        if (rs.getString(8) != null) {
            b.setReversalId(rs.getString(8));
            b.setReversedAt(rs.getTimestamp(9).toInstant().toString());
        }
        return b.build();
    }
}

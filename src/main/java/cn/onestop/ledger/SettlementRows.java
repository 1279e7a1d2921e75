package cn.onestop.ledger;

import cn.onestop.engine.FundPayment;
import cn.onestop.engine.Settlement;
import cn.onestop.json.RequestJson;
import cn.onestop.request.Accumulator;
import cn.onestop.settle.PageCursor;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.settle.Settlements;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settlement records, their fund rows and reversals, in domain terms: every setlinfo amount in its
 * own column, the accumulator delta in {@code d_*} columns, the explanation as JSON, one row per
 * paying fund in the engine's order. A record is written once; only its status moves.
 */
final class SettlementRows implements Settlements {
    private static final String INSERT;
    private static final String INSERT_ROW;

    static {
        List<String> cols = new ArrayList<>(List.of("settlement_id", "institution_code", "message_id", "person_id",
                "cert_type", "cert_value", "plan", "year", "settle_date", "rule_version", "assistance_version",
                "status"));
        cols.addAll(SettlementColumns.AMOUNTS);
        cols.addAll(List.of("own_account_debit", "family_person_id", "family_account_debit", "request_hash",
                "engine_input", "flags", "warnings", "catalog_warnings", "catalog_version", "explanation"));
        cols.addAll(SettlementColumns.DELTAS);
        cols.add("created_at");
        cols.addAll(SettlementColumns.CLEARING);
        INSERT = "INSERT INTO settlements (" + String.join(", ", cols) + ") VALUES ";
        INSERT_ROW = "(" + Sql.marks(cols.size()) + ")";
    }

    private final Connection c;

    SettlementRows(Connection c) {
        this.c = c;
    }

    @Override
    public void insert(List<New> settlements) {
        if (settlements.isEmpty()) {
            return;
        }
        Sql.run("write settlements", () -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT + Sql.rows(INSERT_ROW, settlements.size()))) {
                int i = 1;
                for (New s : settlements) {
                    i = bind(ps, i, s);
                }
                ps.executeUpdate();
            }
            insertFunds(settlements);
        });
    }

    private static int bind(PreparedStatement ps, int i, New n) throws SQLException {
        SettlementRecord r = n.record();
        Settlement s = r.bill().split();
        ps.setString(i++, r.settlementId());
        ps.setString(i++, r.institutionCode());
        ps.setString(i++, r.messageId());
        ps.setString(i++, r.personId());
        ps.setInt(i++, n.cmd().credential().type());
        ps.setString(i++, n.cmd().credential().value());
        ps.setString(i++, r.bill().plan());
        ps.setInt(i++, r.bill().settleDate().getYear());
        ps.setDate(i++, Date.valueOf(r.bill().settleDate()));
        ps.setString(i++, s.ruleVersion());
        nullable(ps, i++, s.assistanceVersion());
        ps.setString(i++, r.status().name());
        for (long amount : SettlementColumns.amounts(s.amounts())) {
            ps.setLong(i++, amount);
        }
        ps.setLong(i++, r.ownDebit());
        nullable(ps, i++, r.familyPersonId());
        ps.setLong(i++, r.familyDebit());
        ps.setBytes(i++, n.cmd().digest().canonical());
        ps.setString(i++, RequestJson.write(n.input()).toString());
        ps.setString(i++, SettlementColumns.json(s.flags().stream().map(Enum::name).toList()));
        ps.setString(i++, SettlementColumns.json(s.warnings().stream().map(Enum::name).toList()));
        ps.setString(i++, SettlementColumns.json(r.bill().catalogWarnings()));
        nullable(ps, i++, r.bill().catalogVersion());
        ps.setString(i++, SettlementColumns.explanation(s.steps()));
        for (Accumulator a : Accumulator.values()) {
            ps.setLong(i++, s.delta().get(a));
        }
        ps.setTimestamp(i++, Timestamp.from(r.createdAt()));
        ps.setString(i++, r.clearing().insuredRegion().code());
        ps.setString(i++, r.clearing().treatingRegion().code());
        ps.setString(i++, r.clearing().category().name());
        ps.setString(i++, r.clearing().type().code());
        ps.setString(i++, r.clearing().insuranceType().code());
        return i;
    }

    private void insertFunds(List<New> settlements) throws SQLException {
        int rows = 0;
        for (New s : settlements) {
            rows += s.record().bill().split().funds().size();
        }
        if (rows == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO settlement_funds (settlement_id, seq, fund, "
                + "fund_type, amount) VALUES " + Sql.rows("(?, ?, ?, ?, ?)", rows))) {
            int i = 1;
            for (New s : settlements) {
                int seq = 0;
                for (FundPayment f : s.record().bill().split().funds()) {
                    ps.setString(i++, s.record().settlementId());
                    ps.setInt(i++, seq++);
                    ps.setString(i++, f.fund().name());
                    ps.setString(i++, f.fund().code());
                    ps.setLong(i++, f.amount());
                }
            }
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<SettlementRecord> find(String settlementId) {
        return Sql.get("read settlement", () -> one("settlement_id = ?", "", settlementId));
    }

    @Override
    public List<SettlementRecord> findAll(java.util.Collection<String> settlementIds) {
        if (settlementIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(settlementIds);
        return Sql.get("read settlements", () -> select("WHERE settlement_id IN (" + Sql.marks(ids.size()) + ")",
                ps -> {
                    for (int i = 0; i < ids.size(); i++) {
                        ps.setString(i + 1, ids.get(i));
                    }
                }));
    }

    @Override
    public Optional<SettlementRecord> findByMessage(String institutionCode, String messageId) {
        return Sql.get("read settlement", () -> one("institution_code = ? AND message_id = ?", "", institutionCode,
                messageId));
    }

    @Override
    public Optional<SettlementRecord> lockForReversal(String settlementId) {
        return Sql.get("lock settlement", () -> one("settlement_id = ?", " FOR UPDATE", settlementId));
    }

    private Optional<SettlementRecord> one(String where, String lock, String... args) throws SQLException {
        List<SettlementRecord> found = select("WHERE " + where + lock, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
        });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<SettlementRecord> page(String institutionCode, java.time.LocalDate from, java.time.LocalDate to,
                                       Optional<PageCursor> after, int limit) {
        String where = "WHERE institution_code = ? AND settle_date BETWEEN ? AND ? "
                + (after.isEmpty() ? "" : "AND (settle_date < ? OR (settle_date = ? AND settlement_id < ?)) ")
                + "ORDER BY settle_date DESC, settlement_id DESC LIMIT ?";
        return Sql.get("list settlements", () -> select(where, ps -> {
            int i = 1;
            ps.setString(i++, institutionCode);
            ps.setDate(i++, Date.valueOf(from));
            ps.setDate(i++, Date.valueOf(to));
            if (after.isPresent()) {
                ps.setDate(i++, Date.valueOf(after.get().settleDate()));
                ps.setDate(i++, Date.valueOf(after.get().settleDate()));
                ps.setString(i++, after.get().settlementId());
            }
            ps.setInt(i, limit);
        }));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The records the clause selects, each with its fund rows (read in one more query). */
    private List<SettlementRecord> select(String clause, Binder binder) throws SQLException {
        List<SettlementColumns.Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SettlementColumns.SELECT + " FROM settlements "
                + clause)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(SettlementColumns.row(rs));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<FundPayment>> funds = FundRows.of(c, rows.stream().map(SettlementColumns.Row::id).toList());
        List<SettlementRecord> out = new ArrayList<>(rows.size());
        for (SettlementColumns.Row r : rows) {
            out.add(r.record(funds.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    @Override
    public void reverse(List<Reversal> reversals) {
        if (reversals.isEmpty()) {
            return;
        }
        Sql.run("write reversals", () -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reversals (reversal_id, settlement_id, "
                    + "institution_code, message_id, reason, created_at) VALUES "
                    + Sql.rows("(?, ?, ?, ?, ?, ?)", reversals.size()))) {
                int i = 1;
                for (Reversal r : reversals) {
                    ps.setString(i++, r.reversalId());
                    ps.setString(i++, r.settlementId());
                    ps.setString(i++, r.institutionCode());
                    ps.setString(i++, r.messageId());
                    ps.setString(i++, r.reason().length() > 500 ? r.reason().substring(0, 500) : r.reason());
                    ps.setTimestamp(i++, Timestamp.from(r.at()));
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE settlements SET status = 'REVERSED', "
                    + "reversal_id = ?, reversed_at = ? WHERE settlement_id = ? AND status = 'SETTLED'")) {
                for (Reversal r : reversals) {
                    ps.setString(1, r.reversalId());
                    ps.setTimestamp(2, Timestamp.from(r.at()));
                    ps.setString(3, r.settlementId());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("settlement " + r.settlementId() + " was not SETTLED");
                    }
                }
            }
        });
    }

    @Override
    public Optional<String> reversedBy(String reversalId) {
        return Sql.get("read reversal", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id FROM reversals WHERE reversal_id = ?")) {
                ps.setString(1, reversalId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static void nullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }
}

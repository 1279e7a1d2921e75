package cn.onestop.ledger;

import cn.onestop.engine.FundPayment;
import cn.onestop.engine.FundType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The paying-fund rows (setldetail) of settlements, in the order the engine gave them. */
final class FundRows {
    private FundRows() {
    }

    /** Every settlement's fund rows (the audit reads them all in one snapshot). */
    static Map<String, List<FundPayment>> all(Connection c) throws SQLException {
        Map<String, List<FundPayment>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id, fund, amount FROM settlement_funds "
                + "ORDER BY settlement_id, seq"); ResultSet rs = ps.executeQuery()) {
            collect(rs, out);
        }
        return out;
    }

    static Map<String, List<FundPayment>> of(Connection c, List<String> settlementIds) throws SQLException {
        Map<String, List<FundPayment>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id, fund, amount FROM settlement_funds "
                + "WHERE settlement_id IN (" + Sql.marks(settlementIds.size()) + ") ORDER BY settlement_id, seq")) {
            for (int i = 0; i < settlementIds.size(); i++) {
                ps.setString(i + 1, settlementIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                collect(rs, out);
            }
        }
        return out;
    }

    private static void collect(ResultSet rs, Map<String, List<FundPayment>> out) throws SQLException {
        while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(3))
                    .add(new FundPayment(FundType.valueOf(rs.getString(2)), rs.getLong(3)));
        }
    }
}

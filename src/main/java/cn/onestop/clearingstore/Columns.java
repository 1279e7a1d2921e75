package cn.onestop.clearingstore;

import cn.onestop.centre.AdminDivision;
import cn.onestop.centre.Clearing;
import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading clearing's codes and times from columns. */
final class Columns {
    private Columns() {
    }

    static Clearing clearing(String insured, String treating, String category, String type, String insutype)
            throws SQLException {
        return new Clearing(new AdminDivision(insured), new AdminDivision(treating), ClearingCategory.valueOf(category),
                clearingType(type), insuranceType(insutype));
    }

    static ClearingType clearingType(String code) throws SQLException {
        return ClearingType.ofCode(code).orElseThrow(() -> new SQLException("unknown clr_type " + code));
    }

    static InsuranceType insuranceType(String code) throws SQLException {
        return InsuranceType.ofCode(code).orElseThrow(() -> new SQLException("unknown insutype " + code));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static void instant(PreparedStatement ps, int i, Instant at) throws SQLException {
        ps.setTimestamp(i, at == null ? null : Timestamp.from(at));
    }
}

package cn.onestop.clearingstore;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.centre.ClearingType;
import cn.onestop.clearing.Applications;
import cn.onestop.clearing.ClearingApplication;
import cn.onestop.clearing.Months;
import cn.onestop.db.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Clearing applications on MariaDB. A live application holds the unique {@code live_key} of its
 * institution, type and month, so two racing applications cannot both be live: the loser's
 * transaction runs again and finds the winner's.
 */
public final class JdbcApplications implements Applications {
    private static final String COLUMNS = "application_id, institution_code, clr_type, setlym, status, settlements, "
            + "reversals, medfee_sumamt, fund_appy_sum, acct_pay, psn_cash_pay, applied_at, withdrawn_at, accepted_at";

    private final Transactions tx;

    public JdbcApplications(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    private static String liveKey(String institution, ClearingType type, YearMonth month) {
        return institution + "|" + type.code() + "|" + Months.setlym(month);
    }

    @Override
    public Optional<ClearingApplication> find(String applicationId) {
        return tx.read(c -> one(c, "application_id = ?", applicationId));
    }

    @Override
    public Optional<ClearingApplication> live(String institutionCode, ClearingType type, YearMonth month) {
        return tx.read(c -> one(c, "live_key = ?", liveKey(institutionCode, type, month)));
    }

    @Override
    public ClearingApplication insert(ClearingApplication a, Caller by) {
        String key = liveKey(a.institutionCode(), a.clearingType(), a.month());
        return tx.write(null, c -> {
            Optional<ClearingApplication> live = one(c, "live_key = ?", key);
            if (live.isPresent()) {
                return live.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clearing_applications (" + COLUMNS
                    + ", live_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.applicationId());
                ps.setString(2, a.institutionCode());
                ps.setString(3, a.clearingType().code());
                ps.setString(4, Months.setlym(a.month()));
                ps.setString(5, a.status().name());
                ps.setInt(6, a.settlements());
                ps.setInt(7, a.reversals());
                ps.setLong(8, a.medfeeSumamt());
                ps.setLong(9, a.fundAppySum());
                ps.setLong(10, a.acctPay());
                ps.setLong(11, a.psnCashPay());
                Columns.instant(ps, 12, a.appliedAt());
                Columns.instant(ps, 13, a.withdrawnAt());
                Columns.instant(ps, 14, a.acceptedAt());
                ps.setString(15, key);
                ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "CLEARING_APPLY", a.applicationId(), key + " fund_appy_sum " + a.fundAppySum()
                    + " psntime " + a.net())));
            return a;
        });
    }

    @Override
    public Optional<ClearingApplication> move(String applicationId, ClearingApplication.Status from,
                                              ClearingApplication.Status to, Instant at, Caller by) {
        String stamp = to == ClearingApplication.Status.WITHDRAWN ? "withdrawn_at" : "accepted_at";
        return tx.write(null, c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE clearing_applications SET status = ?, " + stamp
                    + " = ?" + (to == ClearingApplication.Status.WITHDRAWN ? ", live_key = NULL" : "")
                    + " WHERE application_id = ? AND status = ?")) {
                ps.setString(1, to.name());
                Columns.instant(ps, 2, at);
                ps.setString(3, applicationId);
                ps.setString(4, from.name());
                n = ps.executeUpdate();
            }
            if (n > 0) {
                AuditTrail.append(c, List.of(AuditEvent.of(by, "CLEARING_" + to.name(), applicationId, from + " -> " + to)));
            }
            return one(c, "application_id = ?", applicationId);
        });
    }

    private static Optional<ClearingApplication> one(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM clearing_applications WHERE "
                + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClearingApplication(rs.getString(1), rs.getString(2),
                        Columns.clearingType(rs.getString(3)), Months.parse("setlym", rs.getString(4)),
                        ClearingApplication.Status.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7),
                        rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        Columns.instant(rs, "applied_at"), Columns.instant(rs, "withdrawn_at"),
                        Columns.instant(rs, "accepted_at")));
            }
        }
    }
}

package cn.onestop.clearingstore;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.centre.AdminDivision;
import cn.onestop.clearing.Confirmations;
import cn.onestop.clearing.Months;
import cn.onestop.db.Transactions;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A clearing node's confirmations on MariaDB; each confirmation and rollback is in the audit trail. */
public final class JdbcConfirmations implements Confirmations {
    private final Transactions tx;

    public JdbcConfirmations(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public Map<String, Long> confirmed(AdminDivision region, YearMonth month) {
        return tx.read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT setl_id, fund_pay_sumamt FROM clearing_confirmations "
                    + "WHERE insuplc_admdvs = ? AND setlym = ?")) {
                ps.setString(1, region.code());
                ps.setString(2, Months.setlym(month));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void confirm(AdminDivision region, YearMonth month, List<RowConfirmation> rows, Instant at,
                        Caller by) {
        tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO clearing_confirmations (insuplc_admdvs, "
                    + "setlym, setl_id, fund_pay_sumamt, confirmed_at) VALUES (?, ?, ?, ?, ?)")) {
                for (RowConfirmation r : rows) {
                    ps.setString(1, region.code());
                    ps.setString(2, Months.setlym(month));
                    ps.setString(3, r.setlId());
                    ps.setLong(4, r.fundPaySumamt());
                    Columns.instant(ps, 5, at);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "CLEARING_CONFIRM", region + "/" + Months.setlym(month), rows.size() + " rows")));
            return null;
        });
    }

    @Override
    public int rollback(AdminDivision region, YearMonth month, String reason, Instant at, Caller by) {
        return tx.write(null, c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM clearing_confirmations "
                    + "WHERE insuplc_admdvs = ? AND setlym = ?")) {
                ps.setString(1, region.code());
                ps.setString(2, Months.setlym(month));
                n = ps.executeUpdate();
            }
            if (n > 0) {
                AuditTrail.append(c, List.of(AuditEvent.of(by, "CLEARING_ROLLBACK", region + "/" + Months.setlym(month), n
                        + " confirmed rows rolled back at " + at + ": " + reason)));
            }
            return n;
        });
    }
}

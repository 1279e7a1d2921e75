package cn.onestop.clearingstore;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.clearing.Reconciliations;
import cn.onestop.clearing.TotalsReconciliation;
import cn.onestop.db.Transactions;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.List;

/** Totals reconciliation outcomes on MariaDB. */
public final class JdbcReconciliations implements Reconciliations {
    private final Transactions tx;

    public JdbcReconciliations(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public void keep(TotalsReconciliation r, Caller by) {
        long differing = r.rows().stream().filter(x -> !x.balanced()).count();
        tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO totals_reconciliations (reconciliation_id, "
                    + "institution_code, from_day, to_day, complete, balanced, rows_total, rows_differing, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.reconciliationId());
                ps.setString(2, r.institutionCode());
                ps.setDate(3, Date.valueOf(r.from()));
                ps.setDate(4, Date.valueOf(r.to()));
                ps.setBoolean(5, r.complete());
                ps.setBoolean(6, r.balanced());
                ps.setInt(7, r.rows().size());
                ps.setLong(8, differing);
                Columns.instant(ps, 9, r.at());
                ps.executeUpdate();
            }
            AuditTrail.append(c, List.of(AuditEvent.of(by, "RECONCILE_TOTALS", r.institutionCode() + "/" + r.from() + ".." + r.to(),
                    r.reconciliationId() + ": " + (r.balanced() ? "balanced" : differing + " of " + r.rows().size()
                            + " rows differ") + (r.complete() ? "" : " (range not over)"))));
            return null;
        });
    }

    @Override
    public boolean balancedMonth(String institutionCode, YearMonth month) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT balanced FROM totals_reconciliations "
                    + "WHERE institution_code = ? AND from_day = ? AND to_day = ? AND complete "
                    + "ORDER BY created_at DESC, reconciliation_id DESC LIMIT 1")) {
                ps.setString(1, institutionCode);
                ps.setDate(2, Date.valueOf(month.atDay(1)));
                ps.setDate(3, Date.valueOf(month.atEndOfMonth()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1); // the latest complete reconciliation of the month decides
                }
            }
        });
    }
}

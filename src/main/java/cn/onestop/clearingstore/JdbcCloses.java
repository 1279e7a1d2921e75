package cn.onestop.clearingstore;

import cn.onestop.audit.AuditTrail;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Caller;
import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.MonthlyAdvance;
import cn.onestop.clearing.Closes;
import cn.onestop.clearing.DayClose;
import cn.onestop.clearing.FundTotal;
import cn.onestop.clearing.MonthStatement;
import cn.onestop.clearing.Months;
import cn.onestop.db.Transactions;
import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Day closes and monthly statements on MariaDB: the first one stored is the one every later call answers. */
public final class JdbcCloses implements Closes {
    private final Transactions tx;

    public JdbcCloses(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public Optional<DayClose> dayClose(String institutionCode, LocalDate day) {
        return tx.read(c -> readClose(c, institutionCode, day));
    }

    @Override
    public DayClose keep(DayClose d, Caller by) {
        return tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO day_closes (institution_code, acct_day, "
                    + "closed_at, settlements, reversals) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, d.institutionCode());
                ps.setDate(2, Date.valueOf(d.day()));
                Columns.instant(ps, 3, d.closedAt());
                ps.setInt(4, d.settlements());
                ps.setInt(5, d.reversals());
                if (ps.executeUpdate() == 0) {
                    return readClose(c, d.institutionCode(), d.day()).orElseThrow();
                }
            }
            insertGroups(c, d);
            AuditTrail.append(c, List.of(AuditEvent.of(by, "CLOSE_DAY", d.institutionCode() + "/" + d.day(), d.settlements() + " settlements, "
                    + d.reversals() + " reversals, " + d.groups().size() + " groups")));
            return d;
        });
    }

    private static void insertGroups(Connection c, DayClose d) throws SQLException {
        try (PreparedStatement g = c.prepareStatement("INSERT INTO day_close_groups (institution_code, acct_day, "
                + "insutype, clr_type, clr_category, settlements, reversals, medfee_sumamt, fund_pay_sumamt, acct_pay, "
                + "psn_cash_pay) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement f = c.prepareStatement("INSERT INTO day_close_funds (institution_code, acct_day, "
                     + "insutype, clr_type, clr_category, fund_type, cnt, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DayClose.Group x : d.groups()) {
                g.setString(1, d.institutionCode());
                g.setDate(2, Date.valueOf(d.day()));
                g.setString(3, x.insuranceType().code());
                g.setString(4, x.clearingType().code());
                g.setString(5, x.category().name());
                g.setInt(6, x.settlements());
                g.setInt(7, x.reversals());
                g.setLong(8, x.medfeeSumamt());
                g.setLong(9, x.fundPaySumamt());
                g.setLong(10, x.acctPay());
                g.setLong(11, x.psnCashPay());
                g.addBatch();
                for (FundTotal t : x.funds()) {
                    f.setString(1, d.institutionCode());
                    f.setDate(2, Date.valueOf(d.day()));
                    f.setString(3, x.insuranceType().code());
                    f.setString(4, x.clearingType().code());
                    f.setString(5, x.category().name());
                    f.setString(6, t.fundType());
                    f.setLong(7, t.count());
                    f.setLong(8, t.amount());
                    f.addBatch();
                }
            }
            g.executeBatch();
            f.executeBatch();
        }
    }

    private static Optional<DayClose> readClose(Connection c, String institution, LocalDate day) throws SQLException {
        DayClose head;
        try (PreparedStatement ps = c.prepareStatement("SELECT closed_at, settlements, reversals FROM day_closes "
                + "WHERE institution_code = ? AND acct_day = ?")) {
            ps.setString(1, institution);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = new DayClose(institution, day, Columns.instant(rs, "closed_at"), rs.getInt(2), rs.getInt(3),
                        List.of());
            }
        }
        Map<String, List<FundTotal>> funds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT insutype, clr_type, clr_category, fund_type, cnt, amount "
                + "FROM day_close_funds WHERE institution_code = ? AND acct_day = ?")) {
            ps.setString(1, institution);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    funds.computeIfAbsent(rs.getString(1) + rs.getString(2) + rs.getString(3), k -> new ArrayList<>())
                            .add(new FundTotal(rs.getString(4), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        List<DayClose.Group> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT insutype, clr_type, clr_category, settlements, reversals, "
                + "medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay FROM day_close_groups "
                + "WHERE institution_code = ? AND acct_day = ?")) {
            ps.setString(1, institution);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new DayClose.Group(Columns.insuranceType(rs.getString(1)),
                            Columns.clearingType(rs.getString(2)), ClearingCategory.valueOf(rs.getString(3)),
                            rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            funds.getOrDefault(rs.getString(1) + rs.getString(2) + rs.getString(3), List.of())));
                }
            }
        }
        return Optional.of(new DayClose(institution, day, head.closedAt(), head.settlements(), head.reversals(),
                groups));
    }

    @Override
    public Optional<MonthStatement> statement(String institutionCode, YearMonth month) {
        return tx.read(c -> readStatement(c, institutionCode, month));
    }

    @Override
    public MonthStatement keep(MonthStatement s, Caller by) {
        return tx.write(null, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO statements (institution_code, setlym, "
                    + "issued_at, settlements, reversals, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay, "
                    + "centre_rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.institutionCode());
                ps.setString(2, s.setlym());
                Columns.instant(ps, 3, s.issuedAt());
                ps.setInt(4, s.settlements());
                ps.setInt(5, s.reversals());
                ps.setLong(6, s.medfeeSumamt());
                ps.setLong(7, s.fundPaySumamt());
                ps.setLong(8, s.acctPay());
                ps.setLong(9, s.psnCashPay());
                ps.setString(10, s.centreRules());
                if (ps.executeUpdate() == 0) {
                    return readStatement(c, s.institutionCode(), s.month()).orElseThrow();
                }
            }
            insertStatementRows(c, s);
            AuditTrail.append(c, List.of(AuditEvent.of(by, "ISSUE_STATEMENT", s.institutionCode() + "/" + s.setlym(), "funds "
                    + s.fundPaySumamt() + " account " + s.acctPay() + " withheld " + s.withheld() + " payable "
                    + s.payable())));
            return s;
        });
    }

    private static void insertStatementRows(Connection c, MonthStatement s) throws SQLException {
        try (PreparedStatement f = c.prepareStatement("INSERT INTO statement_funds (institution_code, setlym, "
                + "fund_type, cnt, amount) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement a = c.prepareStatement("INSERT INTO statement_advances (institution_code, setlym, plan, "
                     + "general_inpatient_pool, advance_param, advance_bp, advance_source, advance_basis, advanced, "
                     + "withheld) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FundTotal t : s.funds()) {
                f.setString(1, s.institutionCode());
                f.setString(2, s.setlym());
                f.setString(3, t.fundType());
                f.setLong(4, t.count());
                f.setLong(5, t.amount());
                f.addBatch();
            }
            for (MonthStatement.PlanAdvance p : s.advances()) {
                MonthlyAdvance m = p.advance();
                a.setString(1, s.institutionCode());
                a.setString(2, s.setlym());
                a.setString(3, p.plan());
                a.setLong(4, m.generalInpatientPool());
                a.setString(5, m.ratio().name());
                a.setInt(6, m.ratio().bp());
                a.setString(7, m.ratio().source());
                a.setString(8, m.ratio().basis().name());
                a.setLong(9, m.advanced());
                a.setLong(10, m.withheld());
                a.addBatch();
            }
            f.executeBatch();
            a.executeBatch();
        }
    }

    private static Optional<MonthStatement> readStatement(Connection c, String institution, YearMonth month)
            throws SQLException {
        String ym = Months.setlym(month);
        MonthStatement head;
        try (PreparedStatement ps = c.prepareStatement("SELECT issued_at, settlements, reversals, medfee_sumamt, "
                + "fund_pay_sumamt, acct_pay, psn_cash_pay, centre_rules FROM statements "
                + "WHERE institution_code = ? AND setlym = ?")) {
            ps.setString(1, institution);
            ps.setString(2, ym);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = new MonthStatement(institution, month, Columns.instant(rs, "issued_at"), rs.getInt(2),
                        rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), List.of(), List.of(),
                        rs.getString(8));
            }
        }
        List<FundTotal> funds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT fund_type, cnt, amount FROM statement_funds "
                + "WHERE institution_code = ? AND setlym = ?")) {
            ps.setString(1, institution);
            ps.setString(2, ym);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    funds.add(new FundTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        List<MonthStatement.PlanAdvance> advances = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT plan, general_inpatient_pool, advance_param, advance_bp, "
                + "advance_source, advance_basis, advanced, withheld FROM statement_advances "
                + "WHERE institution_code = ? AND setlym = ?")) {
            ps.setString(1, institution);
            ps.setString(2, ym);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Param ratio = new Param(rs.getString(3), rs.getInt(4), rs.getString(5),
                            Basis.valueOf(rs.getString(6)));
                    advances.add(new MonthStatement.PlanAdvance(rs.getString(1),
                            new MonthlyAdvance(rs.getLong(2), rs.getLong(7), rs.getLong(8), ratio)));
                }
            }
        }
        return Optional.of(new MonthStatement(institution, month, head.issuedAt(), head.settlements(), head.reversals(),
                head.medfeeSumamt(), head.fundPaySumamt(), head.acctPay(), head.psnCashPay(), funds, advances,
                head.centreRules()));
    }
}

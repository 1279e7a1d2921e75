package cn.onestop.gateway;

import cn.onestop.clearing.AccountingCalendar;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.clearing.Pacing;
import cn.onestop.clearingstore.JdbcApplications;
import cn.onestop.clearingstore.JdbcBooks;
import cn.onestop.clearingstore.JdbcCloses;
import cn.onestop.clearingstore.JdbcConfirmations;
import cn.onestop.clearingstore.JdbcReconciliations;
import cn.onestop.db.Database;
import cn.onestop.rules.RuleBook;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The clearing side assembled: its stores on a small pool of their own (clearing.pool-size), so a
 * month's reconciliation never takes a connection a checkout waits for, and its use cases over them.
 */
final class ClearingSide {
    private ClearingSide() {
    }

    static ClearingUseCases over(Database database, ClearingConfig cfg, Supplier<RuleBook> rules, Clock clock,
                                 ZoneId zone) throws SQLException {
        DataSource ds = database.sidePool("clearing", cfg.poolSize());
        return ClearingUseCases.over(new JdbcBooks(ds), new JdbcCloses(ds), new JdbcReconciliations(ds),
                new JdbcConfirmations(ds), new JdbcApplications(ds), rules,
                new AccountingCalendar(clock, zone, cfg.closeGrace()), new Pacing(cfg.cpuShare()));
    }
}

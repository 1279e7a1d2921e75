package cn.onestop.clearing;

import cn.onestop.clearingstore.JdbcApplications;
import cn.onestop.clearingstore.JdbcBooks;
import cn.onestop.clearingstore.JdbcCloses;
import cn.onestop.clearingstore.JdbcConfirmations;
import cn.onestop.clearingstore.JdbcReconciliations;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Role;
import cn.onestop.kernel.Result;
import cn.onestop.ledger.JdbcLedger;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.ReverseCommand;
import cn.onestop.settle.Reversed;
import cn.onestop.settle.SettleCommand;
import cn.onestop.settle.Settled;
import cn.onestop.settle.UseCases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settlement and the clearing use cases over the real stores on a fresh database, on a clock the
 * test moves: institutions in Hohhot, Wuhai and Beijing, persons of the three plans.
 */
final class ClearingFixture implements AutoCloseable {
    static final String HOHHOT = "H15010500001";
    static final String WUHAI = "H15030300001";
    static final String BEIJING = "H11010500001";
    static final RuleBook RULES = RuleFiles.loadBundled();

    static final Caller CENTRE = new Caller("centre-admin", Role.CENTRE_ADMIN, null, Set.of(), "t");
    static final Caller AUDITOR = new Caller("auditor", Role.AUDITOR, null, Set.of(), "t");

    /** The institution {@code code} calling for itself. */
    static Caller at(String code) {
        return new Caller(code, Role.INSTITUTION, code, Set.of(), "t");
    }

    /** A clearing node serving {@code regions}. */
    static Caller node(String... regions) {
        return new Caller("node-" + String.join("-", regions), Role.CLEARING, null, Set.of(regions), "t");
    }

    final Database db;
    final MutableClock clock = new MutableClock(MutableClock.at("2025-06-01T08:00:00"));
    final PersonDirectory directory;
    final UseCases settle;
    final ClearingUseCases clearing;

    ClearingFixture(String name) throws SQLException {
        db = TestDatabase.fresh(name);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, HOHHOT, 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, WUHAI, 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, BEIJING, 3, "A", "HOSPITAL", false, false, true);
        }
        directory = new PersonDirectory(db.dataSource(), null);
        settle = UseCases.over(directory, (r, d, l) -> Optional.empty(), new JdbcLedger(db.dataSource()),
                () -> RULES, clock);
        clearing = ClearingUseCases.over(new JdbcBooks(db.dataSource()), new JdbcCloses(db.dataSource()),
                new JdbcReconciliations(db.dataSource()), new JdbcConfirmations(db.dataSource()),
                new JdbcApplications(db.dataSource()), () -> RULES,
                new AccountingCalendar(clock, MutableClock.SHANGHAI, Duration.ofSeconds(60)));
    }

    void person(String id, String plan, String status, String benefitStart) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.enrol(c, id, plan, status, false, 100_000, benefitStart);
        }
    }

    /** An inpatient stay of {@code amount} fen of 甲类 items, settled now. */
    Settled inpatient(String institution, String person, String message, LocalDate date, long amount) {
        return settle(institution, person, message, date, VisitType.INPATIENT, amount);
    }

    Settled settle(String institution, String person, String message, LocalDate date, VisitType type, long amount) {
        SettleCommand cmd = new SettleCommand(institution, message, new CredentialRef(1, "EV-" + person), null, date,
                new Visit(type, Filing.LOCAL, true, 0),
                List.of(ItemLine.of(BillLine.of("a", Category.A, amount, 1)),
                        ItemLine.of(BillLine.of("own", Category.SELF, 1_234, 1))), null, null);
        Result<Settled> r = settle.settle().settle(at(institution), cmd, Deadline.after(Duration.ofSeconds(10)));
        return r.value();
    }

    Reversed reverse(String institution, String settlementId, String message) {
        return settle.reverse().reverse(at(institution), new ReverseCommand(institution, message, settlementId, null, "test", null),
                Deadline.after(Duration.ofSeconds(10))).value();
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            c.setAutoCommit(true);
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        directory.close();
        db.close();
    }
}

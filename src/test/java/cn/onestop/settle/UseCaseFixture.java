package cn.onestop.settle;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import cn.onestop.ledger.JdbcLedger;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.parse.RuleFiles;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The use cases over the real stores on a fresh database, with a few institutions and persons. */
final class UseCaseFixture implements AutoCloseable {
    static final String HOSPITAL = "H15010500001";
    static final String OTHER_HOSPITAL = "H15010500002";

    /** The hospital, as a caller. */
    static final Caller AS_HOSPITAL = new Caller(HOSPITAL, Role.INSTITUTION, HOSPITAL, Set.of(), "t");
    static final Caller AS_OTHER_HOSPITAL = new Caller(OTHER_HOSPITAL, Role.INSTITUTION, OTHER_HOSPITAL, Set.of(), "t");
    static final Caller AS_AUDITOR = new Caller("auditor", Role.AUDITOR, null, Set.of(), "t");

    final Database db;
    final PersonDirectory directory;
    final UseCases useCases;
    /** What the catalog answers; tests replace it. */
    volatile BillClassifier catalog = (region, date, lines) -> Optional.empty();

    UseCaseFixture(String name) throws SQLException {
        db = TestDatabase.fresh(name);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, HOSPITAL, 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, OTHER_HOSPITAL, 2, "A", "HOSPITAL", false, false, true);
        }
        directory = new PersonDirectory(db.dataSource(), null);
        useCases = UseCases.over(directory, (r, d, l) -> catalog.classify(r, d, l), new JdbcLedger(db.dataSource()),
                RuleFiles::loadBundled, Clock.systemUTC());
    }

    void person(String id, long balance) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.enrol(c, id, "NM-REGION-EMPLOYEE", "ACTIVE", false, balance, null);
        }
    }

    static CredentialRef voucher(String personId) {
        return new CredentialRef(1, "EV-" + personId);
    }

    /** The P01 vector's bill: a stay at a grade-3A hospital, 2,125,000 fen. */
    static List<ItemLine> p01Lines() {
        return List.of(ItemLine.of(BillLine.of("drugA", Category.A, 1_250_000, 1)),
                ItemLine.of(BillLine.of("drugB", Category.B, 480_000, 1)),
                ItemLine.of(BillLine.of("bed", Category.BED, 6_000, 10)),
                ItemLine.of(new BillLine("stent", Category.CONSUMABLE, 300_000, 1, 2000, false, false)),
                ItemLine.of(BillLine.of("vitamins", Category.SELF, 35_000, 1)));
    }

    static SettleCommand p01(String personId, String messageId) {
        return new SettleCommand(HOSPITAL, messageId, voucher(personId), null, LocalDate.of(2025, 3, 10),
                new Visit(VisitType.INPATIENT, Filing.LOCAL, true, 0), p01Lines(), null, null);
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
        useCases.close();
        directory.close();
        db.close();
    }
}

package cn.onestop.ledger;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.StoreException;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.parse.RuleFiles;
import cn.onestop.settle.Accounts;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.MessageKeys;
import cn.onestop.settle.SettleCommand;
import cn.onestop.settle.SettledBill;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.settle.SettlementStatus;
import cn.onestop.settle.Settlements;
import cn.onestop.settle.YearKey;
import cn.onestop.settle.YearRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import cn.onestop.centre.AdminDivision;
import cn.onestop.centre.Clearing;
import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's stores on a real MariaDB: what is written reads back exactly, and the guards hold. */
class LedgerStoreTest {
    static Database db;
    static JdbcLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("ledger_store");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, "H15010500001", 3, "A", "HOSPITAL", false, false, true);
            for (String id : List.of("L1", "L2", "L3")) {
                TestRows.enrol(c, id, "NM-REGION-EMPLOYEE", "ACTIVE", false, 50_000, null);
            }
        }
        ledger = new JdbcLedger(db.dataSource());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    /** A settlement as Settle would write it: split by the engine, with catalog warnings. */
    static Settlements.New settlement(String id, String personId) {
        List<BillLine> lines = List.of(BillLine.of("a", Category.A, 900_000, 1), BillLine.of("b", Category.B, 80_000, 2),
                BillLine.of("own", Category.SELF, 5_000, 1));
        SettlementRequest input = new SettlementRequest("NM-REGION-EMPLOYEE", LocalDate.of(2025, 3, 10),
                new Person(PersonStatus.ACTIVE, true, false, CrDisabled.NONE, false, List.of(), null, null, null, false,
                        50_000, null),
                new Institution(3, Grade.A, InstitutionKind.HOSPITAL, false, false, true),
                new Visit(VisitType.INPATIENT, Filing.LOCAL, true, 3), Accumulators.ZERO, lines);
        var split = ((Outcome.Settled) SplitEngine.split(input, RuleFiles.loadBundled())).settlement();
        SettledBill bill = new SettledBill("NM-REGION-EMPLOYEE", input.settleDate(), split,
                List.of("UNKNOWN_ITEM_CODE:X-1", "CATEGORY_FROM_CATALOG:a,b"), "150100@2023-01-01");
        SettlementRecord r = new SettlementRecord(id, "H15010500001", "m-" + id, personId, SettlementStatus.SETTLED,
                bill, Instant.now().truncatedTo(ChronoUnit.MILLIS), split.ownAccountDebit(), null, 0, null, null,
                new Clearing(new AdminDivision("159900"), new AdminDivision("150100"), ClearingCategory.LOCAL,
                        ClearingType.INPATIENT, InsuranceType.EMPLOYEE_BASIC));
        SettleCommand cmd = new SettleCommand("H15010500001", "m-" + id, new CredentialRef(1, "EV-" + personId), null,
                input.settleDate(), input.visit(), lines.stream().map(ItemLine::of).toList(), null, null);
        return new Settlements.New(r, cmd, input);
    }

    @Test
    void aSettlementReadsBackExactlyAsWrittenFundsInTheEnginesOrder() {
        Settlements.New n = settlement("S-L1", "L1");
        assertTrue(n.record().bill().split().funds().size() >= 3, "pool, subsidy and account rows");
        ledger.write(soon(), tx -> {
            tx.settlements().insert(List.of(n));
            return Result.ok(true);
        });
        SettlementRecord back = ledger.read(tx -> tx.settlements().find("S-L1")).orElseThrow();
        assertEquals(n.record(), back);
        assertEquals(n.record().bill().split().steps(), back.bill().split().steps(), "the explanation, step by step");
        assertEquals(List.of("UNKNOWN_ITEM_CODE:X-1", "CATEGORY_FROM_CATALOG:a,b"), back.bill().warnings(),
                "the catalog's warnings, a comma in a line id included");
        assertEquals(n.record(), ledger.read(tx -> tx.settlements().findByMessage("H15010500001", "m-S-L1"))
                .orElseThrow());
    }

    @Test
    void aRefusedUnitOfWorkLeavesNothingBehind() {
        Result<Object> r = ledger.write(soon(), tx -> {
            tx.settlements().insert(List.of(settlement("S-L2", "L2")));
            return Result.failed(cn.onestop.kernel.Reason.NOT_ELIGIBLE, "refused after writing");
        });
        assertTrue(!r.isOk());
        assertTrue(ledger.read(tx -> tx.settlements().find("S-L2")).isEmpty(), "rolled back");
    }

    @Test
    void aYearRowIsCreatedOnItsFirstLockAndMovesOnlyWithItsJournal() {
        YearKey key = new YearKey("L3", "NM-REGION-EMPLOYEE", 2025);
        Accumulators delta = Accumulators.ZERO.with(Accumulator.POOL_PAID, 1_234).with(Accumulator.ADMISSIONS, 1);
        ledger.write(soon(), tx -> {
            Map<YearKey, Accumulators> locked = tx.yearRows().lock(List.of(key), soon());
            assertEquals(Accumulators.ZERO, locked.get(key));
            tx.yearRows().apply(List.of(new YearRows.Move(key, "SETTLE", null, delta)));
            return Result.ok(true);
        });
        assertEquals(delta, ledger.read(tx -> tx.yearRows().peek(key)));
        assertEquals(Accumulators.ZERO, ledger.read(tx -> tx.yearRows().peek(new YearKey("L3", "NM-REGION-EMPLOYEE",
                2026))), "a year without a row reads as zero");
    }

    @Test
    void anAccountMovedFromABalanceItIsNoLongerAtIsRefusedAndNothingIsWritten() {
        StoreException e = assertThrows(StoreException.class, () -> ledger.write(soon(), tx -> {
            long balance = tx.accounts().lock(List.of("L2"), soon()).get("L2");
            tx.accounts().move(List.of(new Accounts.Move("L2", balance + 1, -10, "SETTLE", null)));
            return Result.ok(true);
        }));
        assertEquals(StoreException.Kind.FAILED, e.kind());
        assertEquals(50_000L, (long) ledger.read(tx -> tx.accounts().peek("L2")));
    }

    @Test
    void aMessageKeyCannotBeWrittenTwice() {
        MessageKeys.Key k = new MessageKeys.Key("H15010500001", "dup", MessageKeys.Operation.SETTLE,
                cn.onestop.settle.RequestDigest.HashKind.CANONICAL, new byte[32], "S-x", Instant.now());
        ledger.write(soon(), tx -> {
            tx.messageKeys().insert(List.of(k));
            return Result.ok(true);
        });
        StoreException e = assertThrows(StoreException.class, () -> ledger.write(soon(), tx -> {
            tx.messageKeys().insert(List.of(k));
            return Result.ok(true);
        }));
        assertEquals(StoreException.Kind.CONFLICT, e.kind(), "a unique-key race that never clears");
    }
}

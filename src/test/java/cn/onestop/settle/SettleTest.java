package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.Role;
import cn.onestop.request.Accumulator;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.ItemLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static cn.onestop.settle.UseCaseFixture.AS_AUDITOR;
import static cn.onestop.settle.UseCaseFixture.AS_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.AS_OTHER_HOSPITAL;
import static cn.onestop.settle.UseCaseFixture.p01;
import static cn.onestop.settle.UseCaseFixture.voucher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settle and PreSettle as use cases: domain commands in, domain outcomes out, on the real ledger. */
class SettleTest {
    static UseCaseFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new UseCaseFixture("settle_use_case");
        for (String id : List.of("S1", "S2", "S3", "S4", "S5")) {
            f.person(id, 300_000);
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void settleCommitsTheSplitOnceAndARetryAnswersTheFirstSettlement() throws Exception {
        Settled first = f.useCases.settle().settle(AS_HOSPITAL, p01("S1", "s1-1"), soon()).value();
        SettlementRecord r = first.record();
        assertFalse(first.replayed());
        assertEquals(2_125_000, r.bill().split().amounts().medfeeSumamt());
        assertEquals(1_616_700, r.bill().split().amounts().hifpPay());
        assertEquals(300_000, r.ownDebit());
        assertEquals(SettlementStatus.SETTLED, r.status());
        assertEquals("S1", r.personId());

        Settled again = f.useCases.settle().settle(AS_HOSPITAL, p01("S1", "s1-1"), soon()).value();
        assertTrue(again.replayed());
        assertEquals(r, again.record(), "the retry answers exactly what the first call answered");
        assertEquals(1, f.count("SELECT COUNT(*) FROM settlements WHERE person_id = 'S1'"));
        PersonView p = f.useCases.persons().person(AS_AUDITOR, voucher("S1"), 2025, soon()).value();
        assertEquals(1_616_700, p.ytd().get(Accumulator.POOL_PAID));
        assertEquals(1, p.ytd().get(Accumulator.ADMISSIONS));
        assertEquals(0, p.accountBalance());
    }

    @Test
    void theSameMessageIdWithOtherContentIsRefusedAndWritesNothing() throws Exception {
        f.useCases.settle().settle(AS_HOSPITAL, p01("S2", "s2-1"), soon()).value();
        List<ItemLine> more = new ArrayList<>(UseCaseFixture.p01Lines());
        more.add(ItemLine.of(BillLine.of("extra", Category.A, 100, 1)));
        SettleCommand other = new SettleCommand(UseCaseFixture.HOSPITAL, "s2-1", voucher("S2"), null,
                LocalDate.of(2025, 3, 10), p01("S2", "x").visit(), more, null, null);
        Result<Settled> r = f.useCases.settle().settle(AS_HOSPITAL, other, soon());
        assertEquals(Reason.MESSAGE_ID_REUSED, ((Result.Failed<Settled>) r).failure().reason());
        assertEquals(1, f.count("SELECT COUNT(*) FROM settlements WHERE person_id = 'S2'"));
    }

    @Test
    void aRetryIsAnsweredAsFirstAnsweredEvenWhenTheCatalogIsGoneSince() throws Exception {
        List<ItemLine> coded = List.of(ItemLine.coded("l1", "XA01", 10_000, 1));
        SettleCommand cmd = new SettleCommand(UseCaseFixture.HOSPITAL, "s3-1", voucher("S3"), null,
                LocalDate.of(2025, 3, 10), p01("S3", "x").visit(), coded, null, null);
        f.catalog = (region, date, lines) -> Optional.of(new BillClassifier.Classification(
                List.of(BillLine.of("l1", Category.A, 10_000, 1)), List.of(), "150100@2023-01-01"));
        try {
            Settled first = f.useCases.settle().settle(AS_HOSPITAL, cmd, soon()).value();
            assertEquals("150100@2023-01-01", first.record().bill().catalogVersion());
            f.catalog = (region, date, lines) -> Optional.empty();
            Result<PreSettled> now = f.useCases.preSettle().preSettle(AS_HOSPITAL, cmd);
            assertEquals(Reason.NO_CATALOG_VERSION, ((Result.Failed<PreSettled>) now).failure().reason());
            Settled again = f.useCases.settle().settle(AS_HOSPITAL, cmd, soon()).value();
            assertTrue(again.replayed());
            assertEquals(first.record(), again.record());
        } finally {
            f.catalog = (region, date, lines) -> Optional.empty();
        }
    }

    @Test
    void preSettleSplitsFromTheStoredStateAndWritesNothing() throws Exception {
        long before = f.count("SELECT COUNT(*) FROM settlements");
        PreSettled p = f.useCases.preSettle().preSettle(AS_HOSPITAL, p01("S4", null)).value();
        assertEquals("S4", p.personId());
        assertEquals(300_000, p.bill().split().amounts().acctPay());
        assertNull(p.bill().catalogVersion());
        assertEquals(before, f.count("SELECT COUNT(*) FROM settlements"));
        assertEquals(0, f.count("SELECT COUNT(*) FROM accumulators WHERE person_id = 'S4'"));
    }

    @Test
    void anInstitutionSettlesOnlyUnderItsOwnCodeAndOtherRolesNotAtAll() throws Exception {
        long before = f.count("SELECT COUNT(*) FROM settlements");
        Result<Settled> other = f.useCases.settle().settle(UseCaseFixture.AS_OTHER_HOSPITAL, p01("S5", "s5-x"), soon());
        assertEquals(Reason.INSTITUTION_MISMATCH, ((Result.Failed<Settled>) other).failure().reason());
        Caller admin = new Caller("admin", Role.CENTRE_ADMIN, null, Set.of(), "t");
        for (Caller c : List.of(admin, AS_AUDITOR, new Caller("node", Role.CLEARING, null, Set.of("150100"), "t"))) {
            assertEquals(Reason.ROLE_NOT_PERMITTED, ((Result.Failed<Settled>) f.useCases.settle().settle(c,
                    p01("S5", "s5-y"), soon())).failure().reason(), c.role().name());
            assertEquals(Reason.ROLE_NOT_PERMITTED, ((Result.Failed<PreSettled>) f.useCases.preSettle()
                    .preSettle(c, p01("S5", null))).failure().reason(), c.role().name());
        }
        assertEquals(before, f.count("SELECT COUNT(*) FROM settlements"), "nothing written by a refused call");
    }

    @Test
    void anUnknownInstitutionAndAnUnknownCredentialAreRefusedByName() {
        SettleCommand unknownPlace = new SettleCommand("H99999999999", "s5-1", voucher("S5"), null,
                LocalDate.of(2025, 3, 10), p01("S5", "x").visit(), UseCaseFixture.p01Lines(), null, null);
        Caller unregistered = new Caller("H99999999999", Role.INSTITUTION, "H99999999999", Set.of(), "t");
        assertEquals(Reason.INSTITUTION_NOT_FOUND, ((Result.Failed<Settled>) f.useCases.settle()
                .settle(unregistered, unknownPlace, soon())).failure().reason());
        assertEquals(Reason.PERSON_NOT_FOUND, ((Result.Failed<Settled>) f.useCases.settle().settle(AS_HOSPITAL, p01("NOBODY", "s5-2"), soon())).failure().reason());
        SettleCommand mismatch = new SettleCommand(UseCaseFixture.HOSPITAL, "s5-3", voucher("S5"), "S4",
                LocalDate.of(2025, 3, 10), p01("S5", "x").visit(), UseCaseFixture.p01Lines(), null, null);
        assertEquals(Reason.CREDENTIAL_MISMATCH, ((Result.Failed<Settled>) f.useCases.settle().settle(AS_HOSPITAL, mismatch, soon())).failure().reason());
    }
}

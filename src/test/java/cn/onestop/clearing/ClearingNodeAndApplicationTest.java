package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static cn.onestop.clearing.ClearingFixture.HOHHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clearing node's extract, confirmation and rollback (3260–3262), and the clearing application (3203/3204). */
class ClearingNodeAndApplicationTest {
    static TestMonth m;
    static final YearMonth JUNE = YearMonth.of(2025, 6);
    static final Caller REGION_LEVEL = ClearingFixture.node("159900");

    @BeforeAll
    static void month() throws Exception {
        m = new TestMonth("clearing_node");
    }

    @AfterAll
    static void stop() {
        m.f.close();
    }

    static <T> Reason reason(Result<T> r) {
        return ((Result.Failed<T>) r).failure().reason();
    }

    @Test
    void aNodeListsItsRegionsCrossRegionCasesWithTheirFundSplitInTheOrderCommitted() {
        ClearingPage p = m.f.clearing.node().list(REGION_LEVEL, "159900", JUNE, 1).value();
        assertEquals(2, p.total(), "s7 in Beijing and s8 in Wuhai; the local stays in Hohhot are not cleared here");
        assertEquals(List.of(m.id("s7"), m.id("s8")), p.rows().stream().map(r -> r.entry().setlId()).toList());
        Entry beijing = p.rows().get(0).entry();
        assertEquals(ClearingCategory.CROSS_PROVINCE, beijing.clearing().category());
        assertEquals("110100", beijing.clearing().treatingRegion().code());
        assertEquals(m.amounts("s7").fundPaySumamt(), beijing.fundPaySumamt());
        long funds = beijing.funds().stream().filter(f -> !f.fundType().equals("310200")).mapToLong(FundAmount::amount)
                .sum();
        assertEquals(beijing.fundPaySumamt(), funds, "the fund rows add up to fund_pay_sumamt");
        assertEquals(ClearingCategory.IN_PROVINCE, p.rows().get(1).entry().clearing().category());
        assertEquals(ClearingPage.MonthStatus.OPEN, p.status());
        assertEquals(0, m.f.clearing.node().list(REGION_LEVEL, "159900", JUNE, 3).value().rows().size());
    }

    @Test
    void aReversalIsARowOfTheMonthItWasMadeIn() {
        Caller chifeng = ClearingFixture.node("150400");
        ClearingPage june = m.f.clearing.node().list(chifeng, "150400", JUNE, 1).value();
        assertEquals(List.of(m.id("s3")), june.rows().stream().map(r -> r.entry().setlId()).toList());
        ClearingPage july = m.f.clearing.node().list(chifeng, "150400", YearMonth.of(2025, 7), 1).value();
        assertEquals(1, july.total());
        Entry reversal = july.rows().get(0).entry();
        assertEquals(Entry.Kind.REVERSAL, reversal.kind());
        assertEquals(m.r.get("r3").reversalId(), reversal.setlId());
        assertEquals(-m.amounts("s3").fundPaySumamt(), reversal.fundPaySumamt());
        assertTrue(reversal.funds().stream().allMatch(f -> f.amount() < 0));
        assertEquals(Reason.MONTH_NOT_OVER, reason(m.f.clearing.node().confirm(chifeng, "150400",
                YearMonth.of(2025, 7), List.of(new Confirmations.RowConfirmation(reversal.setlId(),
                        reversal.fundPaySumamt())))));
    }

    @Test
    void aConfirmedMonthIsFixedUntilRolledBackAndAWrongRowConfirmsNothing() throws Exception {
        ClearingPage p = m.f.clearing.node().list(REGION_LEVEL, "159900", JUNE, 1).value();
        List<Confirmations.RowConfirmation> rows = new ArrayList<>();
        p.rows().forEach(r -> rows.add(new Confirmations.RowConfirmation(r.entry().setlId(), r.entry().fundPaySumamt())));
        List<Confirmations.RowConfirmation> wrong = List.of(rows.get(0),
                new Confirmations.RowConfirmation(rows.get(1).setlId(), rows.get(1).fundPaySumamt() + 1));
        Result<ClearingNode.Confirmed> bad = m.f.clearing.node().confirm(REGION_LEVEL, "159900", JUNE, wrong);
        assertEquals("rows[1].fund_pay_sumamt", ((Result.Failed<ClearingNode.Confirmed>) bad).failure().violations()
                .get(0).field());
        assertEquals(0, m.f.count("SELECT COUNT(*) FROM clearing_confirmations"), "nothing written");

        ClearingNode.Confirmed one = m.f.clearing.node().confirm(REGION_LEVEL, "159900", JUNE, rows.subList(0, 1))
                .value();
        assertEquals(ClearingPage.MonthStatus.PARTLY_CONFIRMED, one.status());
        ClearingNode.Confirmed all = m.f.clearing.node().confirm(REGION_LEVEL, "159900", JUNE, rows).value();
        assertEquals(1, all.confirmedNow());
        assertEquals(ClearingPage.MonthStatus.CONFIRMED, all.status());
        ClearingNode.Confirmed again = m.f.clearing.node().confirm(REGION_LEVEL, "159900", JUNE, rows).value();
        assertEquals(0, again.confirmedNow(), "a confirmed month answers the same and changes nothing");
        ClearingPage confirmed = m.f.clearing.node().list(REGION_LEVEL, "159900", JUNE, 1).value();
        assertTrue(confirmed.rows().stream().allMatch(ClearingPage.Row::confirmed));

        assertEquals(2, m.f.clearing.node().rollback(REGION_LEVEL, "159900", JUNE, "the centre corrected s8")
                .value());
        assertEquals(ClearingPage.MonthStatus.OPEN, m.f.clearing.node().list(REGION_LEVEL, "159900", JUNE, 1).value()
                .status());
        assertEquals(Reason.NOT_CONFIRMED, reason(m.f.clearing.node().rollback(REGION_LEVEL, "159900", JUNE, "")));
        assertEquals(1, m.f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'CLEARING_ROLLBACK'"));
    }

    static <T> List<String> fields(Result<T> r) {
        return ((Result.Failed<T>) r).failure().violations().stream().map(v -> v.field()).toList();
    }

    @Test
    void badInputIsRefusedNamingEveryFieldAtFaultAtOnce() {
        Result<ClearingPage> page = m.f.clearing.node().list(REGION_LEVEL, "15", null, 0);
        assertEquals(Reason.INVALID_ARGUMENT, reason(page));
        assertEquals(List.of("insuplc_admdvs", "setlym", "startrow"), fields(page));
        assertTrue(((Result.Failed<ClearingPage>) page).failure().message().contains("startrow: starts at 1, got 0"),
                ((Result.Failed<ClearingPage>) page).failure().message());
        assertEquals(List.of("clr_type", "setlym"), fields(m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT),
                HOHHOT, "99", null)));
        assertEquals(List.of("from", "to"), fields(m.f.clearing.totals().reconcile(ClearingFixture.at(HOHHOT), HOHHOT,
                null, null, List.of())));
        assertEquals(List.of("budget", "assessment_bp", "year"), fields(new SharingEstimate(() -> null)
                .estimate(cn.onestop.sharing.SharingScheme.DIP, -1, 0, 10_001, 1999)));
    }

    @Test
    void aNodeSeesOnlyTheRegionsItServes() {
        assertEquals(Reason.REGION_NOT_SERVED, reason(m.f.clearing.node().list(REGION_LEVEL, "150400", JUNE, 1)));
        assertEquals(Reason.REGION_NOT_SERVED, reason(m.f.clearing.node().rollback(REGION_LEVEL, "150300", JUNE, "")));
    }

    @Test
    void anApplicationNeedsTheMonthReconciledAndCanBeWithdrawnUntilAccepted() {
        assertEquals(Reason.NOT_RECONCILED, reason(m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21", JUNE)));
        List<CentreTotal> totals = new ArrayList<>();
        m.expected(ReconciliationTest.JUNE_SETTLEMENTS, ReconciliationTest.JUNE_REVERSALS).forEach((k, v) ->
                totals.add(new CentreTotal(k.insutype(), k.type(), k.category(), v)));
        // a balanced reconciliation of part of the month is not the month
        m.f.clearing.totals().reconcile(ClearingFixture.at(HOHHOT), HOHHOT, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 29), totals);
        assertEquals(Reason.NOT_RECONCILED, reason(m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21", JUNE)));
        assertTrue(m.f.clearing.totals().reconcile(ClearingFixture.at(HOHHOT), HOHHOT, JUNE.atDay(1), JUNE.atEndOfMonth(), totals).value()
                .balanced());

        ClearingApplication a = m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21", JUNE).value();
        assertEquals(ClearingApplication.Status.APPLIED, a.status());
        assertEquals(5, a.settlements(), "the stays s1 s3 s5 s6 s9, of both insurance types");
        assertEquals(1, a.reversals(), "of s1; s3's was made in July");
        long fund = m.amounts("s3").fundPaySumamt() + m.amounts("s5").fundPaySumamt()
                + m.amounts("s6").fundPaySumamt() + m.amounts("s9").fundPaySumamt();
        assertEquals(fund, a.fundAppySum());
        assertEquals(a, m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21", JUNE).value(), "applying again answers it");

        assertEquals(Reason.APPLICATION_NOT_FOUND, reason(m.f.clearing.applications().withdraw(
                ClearingFixture.at(ClearingFixture.WUHAI), a.applicationId())), "another's answers as unknown");
        ClearingApplication w = m.f.clearing.applications().withdraw(ClearingFixture.at(HOHHOT), a.applicationId()).value();
        assertEquals(ClearingApplication.Status.WITHDRAWN, w.status());
        assertEquals(w, m.f.clearing.applications().withdraw(ClearingFixture.at(HOHHOT), a.applicationId()).value());
        assertEquals(Reason.APPLICATION_WITHDRAWN, reason(m.f.clearing.applications().accept(ClearingFixture.CENTRE, a.applicationId())));

        ClearingApplication b = m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21", JUNE).value();
        assertNotEquals(a.applicationId(), b.applicationId());
        assertEquals(ClearingApplication.Status.ACCEPTED, m.f.clearing.applications().accept(ClearingFixture.CENTRE, b.applicationId())
                .value().status());
        assertEquals(Reason.APPLICATION_ACCEPTED, reason(m.f.clearing.applications().withdraw(ClearingFixture.at(HOHHOT), b.applicationId())));
        assertEquals(Reason.APPLICATION_NOT_FOUND, reason(m.f.clearing.applications().withdraw(ClearingFixture.at(HOHHOT), "A-none")));
        assertFalse(m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "11", JUNE).value().applicationId()
                .equals(b.applicationId()), "each clearing type applies on its own");
        assertEquals(Reason.MONTH_NOT_OVER, reason(m.f.clearing.applications().apply(ClearingFixture.at(HOHHOT), HOHHOT, "21",
                YearMonth.of(2025, 7))));
    }
}

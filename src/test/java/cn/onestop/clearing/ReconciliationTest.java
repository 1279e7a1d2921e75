package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.engine.SetlInfo;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.settle.Reversed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static cn.onestop.clearing.ClearingFixture.HOHHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 对账 over the test month against centre figures and a hospital list with differences injected:
 * every injected difference is reported, and nothing else.
 */
class ReconciliationTest {
    static TestMonth m;
    static final LocalDate FROM = LocalDate.of(2025, 6, 1);
    static final LocalDate TO = LocalDate.of(2025, 6, 30);
    static final List<String> JUNE_SETTLEMENTS = List.of("s1", "s2", "s3", "s4", "s5", "s6", "s9");
    static final List<String> JUNE_REVERSALS = List.of("r1", "r2");

    @BeforeAll
    static void month() throws Exception {
        m = new TestMonth("clearing_reconcile");
    }

    @AfterAll
    static void stop() {
        m.f.close();
    }

    static List<CentreTotal> centreTotals() {
        List<CentreTotal> out = new ArrayList<>();
        m.expected(JUNE_SETTLEMENTS, JUNE_REVERSALS).forEach((k, v) ->
                out.add(new CentreTotal(k.insutype(), k.type(), k.category(), v)));
        return out;
    }

    @Test
    void theCentresOwnFiguresBalanceEveryRowAndTheMonthCanBeApplied() {
        TotalsReconciliation r = m.f.clearing.totals().reconcile(ClearingFixture.at(HOHHOT), HOHHOT, FROM, TO, centreTotals()).value();
        assertTrue(r.balanced(), r.rows().toString());
        assertEquals(4, r.rows().size());
        r.rows().forEach(x -> assertEquals("0", x.stmtRslt()));
        assertTrue(r.complete());
        TotalsReconciliation.Row stays = r.rows().stream().filter(x -> x.clearingType() == ClearingType.INPATIENT
                && x.insuranceType() == InsuranceType.EMPLOYEE_BASIC).findFirst().orElseThrow();
        assertEquals(3, stays.here().count(), "s1 s5 s6 s9 less the reversal of s1");
    }

    @Test
    void aChangedAmountAndAMissingRowAreTheOnlyRowsThatDiffer() {
        List<CentreTotal> rows = new ArrayList<>(centreTotals());
        CentreTotal resident = rows.stream().filter(t -> t.insuranceType() == InsuranceType.RESIDENT_BASIC)
                .findFirst().orElseThrow();
        Figures f = resident.figures();
        rows.set(rows.indexOf(resident), new CentreTotal(resident.insuranceType(), resident.clearingType(),
                resident.category(), new Figures(f.medfeeSumamt(), f.fundPaySumamt() + 1, f.acctPay(), f.count())));
        CentreTotal wuhai = rows.stream().filter(t -> t.category() == ClearingCategory.IN_PROVINCE
                && t.insuranceType() == InsuranceType.EMPLOYEE_BASIC).findFirst().orElseThrow();
        rows.remove(wuhai);
        TotalsReconciliation r = m.f.clearing.totals().reconcile(ClearingFixture.at(HOHHOT), HOHHOT, FROM, TO, rows).value();
        assertFalse(r.balanced());
        List<TotalsReconciliation.Row> differing = r.rows().stream().filter(x -> !x.balanced()).toList();
        assertEquals(2, differing.size(), differing.toString());
        TotalsReconciliation.Row changed = differing.stream().filter(x -> x.inCentre()).findFirst().orElseThrow();
        assertEquals(InsuranceType.RESIDENT_BASIC, changed.insuranceType());
        assertEquals("1", changed.stmtRslt());
        assertEquals("fund_pay_sumamt: centre " + Yuan.format(f.fundPaySumamt() + 1) + ", here "
                + Yuan.format(f.fundPaySumamt()) + " yuan (differs by -0.01)", changed.description());
        TotalsReconciliation.Row missing = differing.stream().filter(x -> !x.inCentre()).findFirst().orElseThrow();
        assertEquals(ClearingType.OUTPATIENT, missing.clearingType());
        assertTrue(missing.description().startsWith("not in the centre's figures: medfee_sumamt: centre 0.00"),
                missing.description());
        assertEquals(wuhai.figures(), missing.here());
        // a month whose latest reconciliation did not balance cannot be applied for
        m.f.clock.set("2025-07-01T00:02:00");
        assertEquals(Reason.NOT_RECONCILED, ((Result.Failed<ClearingApplication>) m.f.clearing.applications()
                .apply(ClearingFixture.at(HOHHOT), HOHHOT, "41", YearMonth.of(2025, 6))).failure().reason());
    }

    static byte[] file(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The centre's file with four differences injected. */
    static List<String> injected() {
        List<String> lines = new ArrayList<>(m.centreLines());
        lines.removeIf(l -> l.startsWith(m.id("s4") + "\t")); // the centre lacks s4
        lines.add(String.join("\t", "S-CENTRE-ONLY", "S-CENTRE-ONLY", "E9", "12.34", "10.00", "0.00", "0"));
        SetlInfo s5 = m.amounts("s5");
        String changed = String.join("\t", m.id("s5"), m.id("s5"), "E3", Yuan.format(s5.medfeeSumamt() + 100),
                Yuan.format(s5.fundPaySumamt()), Yuan.format(s5.acctPay()), "0"); // one yuan more
        lines.replaceAll(l -> l.startsWith(m.id("s5") + "\t") ? changed : l);
        lines.replaceAll(l -> l.startsWith(m.id("s6") + "\t") ? l.substring(0, l.length() - 1) + "1" : l);
        return lines;
    }

    @Test
    void theDetailFileWithMissingChangedAndFlippedLinesReportsExactlyThoseFour() {
        List<String> lines = new ArrayList<>(injected());
        lines.add(0, "setl_id\tmdtrt_id\tpsn_no\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\trefd_setl_flag");
        DetailReconciliation d = m.f.clearing.details().withCentre(ClearingFixture.at(HOHHOT), HOHHOT, FROM, TO,
                new ByteArrayInputStream(file(lines))).value();
        check(d);
    }

    @Test
    void aZippedDetailFileReadsTheSame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("3202.txt"));
            zip.write(file(injected()));
            zip.closeEntry();
        }
        check(m.f.clearing.details().withCentre(ClearingFixture.at(HOHHOT), HOHHOT, FROM, TO, new ByteArrayInputStream(bytes.toByteArray()))
                .value());
    }

    private static void check(DetailReconciliation d) {
        assertEquals(9, d.lines());
        assertEquals(9, d.entries(), "seven settlements and two reversals of June");
        assertEquals(6, d.matched(), "the reversals among them, by their own setl_id and negative amounts");
        assertEquals(4, d.differences().size(), d.differences().toString());
        Map<String, Difference> byId = new java.util.HashMap<>();
        d.differences().forEach(x -> byId.put(x.setlId(), x));
        Difference s4 = byId.get(m.id("s4"));
        assertEquals(Difference.Kind.MISSING_THERE, s4.kind());
        assertEquals("m4", s4.originalMessageId());
        assertEquals(m.amounts("s4").fundPaySumamt(), s4.here().fundPaySumamt());
        Difference only = byId.get("S-CENTRE-ONLY");
        assertEquals(Difference.Kind.MISSING_HERE, only.kind());
        assertEquals(1234, only.there().medfeeSumamt());
        assertEquals(1000, only.there().fundPaySumamt());
        Difference s5 = byId.get(m.id("s5"));
        assertEquals(Difference.Kind.DIFFERS, s5.kind());
        assertEquals(List.of("medfee_sumamt"), s5.fields());
        assertEquals(m.amounts("s5").medfeeSumamt() + 100, s5.there().medfeeSumamt());
        assertEquals(m.amounts("s5").medfeeSumamt(), s5.here().medfeeSumamt());
        assertEquals("m5", s5.originalMessageId());
        Difference s6 = byId.get(m.id("s6"));
        assertEquals(List.of("refd_setl_flag"), s6.fields());
        assertEquals(1, s6.there().refundFlag());
        assertEquals(0, s6.here().refundFlag());
    }

    @Test
    void theHospitalsListFindsTheSettlementItsBillingSystemNeverHeardOf() {
        // the 3rd: s6 committed at 09:00, its answer lost; the billing system booked only the two refunds
        List<String> lines = new ArrayList<>();
        for (String k : List.of("r1", "r2")) {
            Reversed x = m.r.get(k);
            SetlInfo a = x.record().bill().split().amounts();
            lines.add(String.join("\t", k.equals("r1") ? "rv1" : "rv2", "", x.record().personId(),
                    Yuan.format(-a.medfeeSumamt()),
                    Yuan.format(-a.fundPaySumamt()), Yuan.format(-a.acctPay()), "1"));
        }
        DetailReconciliation d = m.f.clearing.details().withHospital(ClearingFixture.at(HOHHOT), HOHHOT, LocalDate.of(2025, 6, 3),
                new ByteArrayInputStream(file(lines))).value();
        assertEquals(2, d.matched());
        assertEquals(1, d.differences().size(), d.differences().toString());
        Difference one = d.differences().get(0);
        assertEquals(Difference.Kind.MISSING_THERE, one.kind());
        assertEquals(Difference.Action.REVERSE_HERE, one.action());
        assertEquals("m6", one.originalMessageId());
        assertEquals(m.id("s6"), one.setlId());
        assertTrue(one.advice().contains("冲正 with original_message_id m6"), one.advice());

        // and the other way: the billing system booked m6 and a settlement the gateway never committed
        SetlInfo a6 = m.amounts("s6");
        lines.add(String.join("\t", "m6", m.id("s6"), "E4", Yuan.format(a6.medfeeSumamt()),
                Yuan.format(a6.fundPaySumamt()), Yuan.format(a6.acctPay()), "0"));
        lines.add(String.join("\t", "m-lost", "", "E4", "100.00", "80.00", "0.00", "0"));
        DetailReconciliation d2 = m.f.clearing.details().withHospital(ClearingFixture.at(HOHHOT), HOHHOT, LocalDate.of(2025, 6, 3),
                new ByteArrayInputStream(file(lines))).value();
        assertEquals(3, d2.matched());
        assertEquals(1, d2.differences().size());
        assertEquals(Difference.Action.SETTLE_AGAIN, d2.differences().get(0).action());
        assertEquals("m-lost", d2.differences().get(0).messageId());
    }
}

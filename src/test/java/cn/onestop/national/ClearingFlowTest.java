package cn.onestop.national;

import cn.onestop.clearing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.ZipInputStream;

import static cn.onestop.national.OutpatientFlowTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A month of a hospital's clearing as the billing system drives it through the endpoint: June's
 * visits settled (one cancelled), the month over, then 3201 totals with an injected difference and
 * balanced, 3202 detail through a 9101 upload with injected differences (each found, with the
 * gateway's amounts and what resolves it, the result file downloadable by 9102), 3203 / 3204 the
 * clearing application with the ledger's figures to the fen, and a clearing node's 3260 / 3261 / 3262
 * of the cross-region settlement. Bad input is answered -2 naming every field and keeps nothing.
 */
class ClearingFlowTest {
    static final String LIU = "150100000003"; // 刘福生, retired, NM-REGION-EMPLOYEE (159900: local at Hohhot)
    static final String LIU_ID_CARD = "150103195508230158";
    static final String MA = "150300000001"; // 马永强, WUHAI-EMPLOYEE (150300: in-province at Hohhot)
    static final String MA_ID_CARD = "15030219840512051X";
    static final MutableClock clock = new MutableClock(MutableClock.at("2026-06-02T10:00:00"));
    static NationalFixture f;
    static His his;
    static JsonNode kept;      // LIU's settlement that stands
    static JsonNode undone;    // LIU's second settlement
    static JsonNode cancelled; // its cancellation (2208)
    static JsonNode remote;    // MA's settlement

    @BeforeAll
    static void month() throws Exception {
        f = new NationalFixture("national_clearing", cfg -> cfg, clock);
        his = f.his(NationalFixture.HOSPITAL);
        kept = settle(LIU, LIU_ID_CARD);
        undone = settle(LIU, LIU_ID_CARD);
        cancelled = ok(his.call("2208", "{\"data\":{\"setl_id\":\"" + undone.get("setl_id").asText()
                + "\",\"mdtrt_id\":\"" + undone.get("mdtrt_id").asText() + "\",\"psn_no\":\"" + LIU + "\"}}"))
                .get("setlinfo");
        remote = settle(MA, MA_ID_CARD);
        clock.set("2026-07-01T01:00:00"); // June is over
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** An outpatient visit of 101.50 yuan registered, billed and settled on the clock's day; its setlinfo. */
    static JsonNode settle(String psn, String idCard) throws Exception {
        JsonNode reg = ok(his.call("2201", "{\"data\":{\"psn_no\":\"" + psn + "\",\"insutype\":\"310\",\"begntime\":"
                + "\"2026-06-02 09:00:00\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\"" + idCard + "\"}}"));
        String mdtrt = reg.at("/data/mdtrt_id").asText();
        ok(his.call("2204", ("{\"feedetail\":[" + OutpatientFlowTest.fee("F1", mdtrt, "001102000010000", "12.00", "1",
                "12.00") + "," + OutpatientFlowTest.fee("F2", mdtrt, "XJ01CRA744A001010300217", "0.90", "20", "18.00")
                + "," + OutpatientFlowTest.fee("F3", mdtrt, "XA11HAA139A010010102641", "71.50", "1", "71.50") + "]}")
                .replace(OutpatientFlowTest.ZHANG, psn).replace("2026-12-01 09:30:00", "2026-06-02 09:30:00")));
        return ok(his.call("2207", "{\"data\":{\"psn_no\":\"" + psn + "\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\""
                + idCard + "\",\"med_type\":\"11\",\"medfee_sumamt\":\"101.50\",\"psn_setlway\":\"01\",\"mdtrt_id\":\""
                + mdtrt + "\",\"insutype\":\"310\",\"acct_used_flag\":\"1\"}}")).get("setlinfo");
    }

    static String row(String category, String medfee, String fund, String acct, String count) {
        return "{\"insutype\":\"310\",\"clr_type\":\"11\",\"setl_optins\":\"150100\",\"clr_category\":\"" + category
                + "\",\"stmt_begndate\":\"2026-06-01\",\"stmt_enddate\":\"2026-06-30\",\"medfee_sumamt\":\"" + medfee
                + "\",\"fund_pay_sumamt\":\"" + fund + "\",\"acct_pay\":\"" + acct + "\",\"fixmedins_setl_cnt\":\""
                + count + "\",\"cash_payamt\":\"\"}";
    }

    @Test
    void theMonthsSettlementsAreTheOnesTheHisWasAnswered() {
        assertEquals("101.50", kept.get("medfee_sumamt").asText());
        assertEquals("0.00", kept.get("fund_pay_sumamt").asText());
        assertEquals("28.00", kept.get("acct_pay").asText());
        assertEquals("-28.00", cancelled.get("acct_pay").asText());
        assertEquals("101.50", remote.get("medfee_sumamt").asText());
    }

    @Test
    void totalsWithAnInjectedDifferenceAreNamedThenBalanceAndTheMonthIsApplied() throws Exception {
        String maRow = row("IN_PROVINCE", remote.get("medfee_sumamt").asText(), remote.get("fund_pay_sumamt").asText(),
                remote.get("acct_pay").asText(), "1");
        JsonNode off = ok(his.call("3201", "{\"data\":[" + row("LOCAL", "100.00", "0.00", "28.00", "2") + "," + maRow
                + "]}"));
        assertEquals("1", off.at("/stmtinfo/stmt_rslt").asText(), off::toString);
        JsonNode local = off.at("/stmtinfo_rows/0");
        assertEquals("LOCAL", local.get("clr_category").asText(), off::toString);
        assertEquals("1", local.get("stmt_rslt").asText());
        assertEquals("101.50", local.at("/gateway/medfee_sumamt").asText(), off::toString); // 203.00 settled, 101.50 cancelled
        assertEquals("28.00", local.at("/gateway/acct_pay").asText());
        assertEquals("1", local.at("/gateway/fixmedins_setl_cnt").asText());
        String why = local.get("stmt_rslt_dscr").asText();
        assertTrue(why.contains("medfee_sumamt: centre 100.00, here 101.50 yuan (differs by 1.50)"), why);
        assertTrue(why.contains("fixmedins_setl_cnt: centre 2, here 1"), why);
        assertTrue(!why.contains("acct_pay"), why);
        assertEquals("0", off.at("/stmtinfo_rows/1/stmt_rslt").asText(), off::toString);

        JsonNode refused = his.call("3203", "{\"data\":{\"clr_type\":\"11\",\"setlym\":\"202606\"}}");
        assertEquals(-2, refused.get("infcode").asInt());
        assertTrue(refused.get("err_msg").asText().startsWith("NOT_RECONCILED"), refused::toString);

        JsonNode even = ok(his.call("3201", "{\"data\":[" + row("LOCAL", "101.50", "0.00", "28.00", "1") + "," + maRow
                + "]}"));
        assertEquals("0", even.at("/stmtinfo/stmt_rslt").asText(), even::toString);
        assertEquals("balanced", even.at("/stmtinfo/stmt_rslt_dscr").asText());
        assertEquals("1", even.get("complete").asText());

        JsonNode applied = ok(his.call("3203", "{\"data\":{\"clr_type\":\"11\",\"clr_way\":\"1\",\"setlym\":\"202606\"}}"))
                .get("result");
        assertEquals("APPLIED", applied.get("status").asText());
        assertEquals("2", applied.get("psntime").asText(), applied::toString); // 3 settled less 1 cancelled
        assertEquals("3", applied.get("setl_cnt").asText());
        assertEquals("1", applied.get("refd_cnt").asText());
        assertEquals("203.00", applied.get("medfee_sumamt").asText()); // 3 × 101.50 less the 101.50 cancelled
        assertEquals(Yuan.text(2_800 + fen(remote, "acct_pay")), applied.get("acct_pay").asText());
        assertEquals(Yuan.text(fen(kept, "fund_pay_sumamt") + fen(remote, "fund_pay_sumamt")),
                applied.get("fund_appy_sum").asText());
        assertEquals(Yuan.text(fen(kept, "psn_cash_pay") + fen(remote, "psn_cash_pay")),
                applied.get("cash_payamt").asText());
        String id = applied.get("clr_appy_evt_id").asText();
        JsonNode withdrawn = ok(his.call("3204", "{\"data\":{\"clr_appy_evt_id\":\"" + id + "\"}}")).get("result");
        assertEquals("WITHDRAWN", withdrawn.get("status").asText());
        assertEquals(applied.get("medfee_sumamt"), withdrawn.get("medfee_sumamt"));
        assertEquals(withdrawn, ok(his.call("3204", "{\"data\":{\"clr_appy_evt_id\":\"" + id + "\"}}")).get("result"),
                "withdrawing again answers the same");
    }

    static long fen(JsonNode setlinfo, String field) {
        return new java.math.BigDecimal(setlinfo.get(field).asText()).movePointRight(2).longValueExact();
    }

    static String line(JsonNode s, String mdtrt, String medfee, String fund, String acct, int refund) {
        return s.get("setl_id").asText() + "\t" + mdtrt + "\t" + s.get("psn_no").asText() + "\t" + medfee + "\t" + fund
                + "\t" + acct + "\t" + refund + "\n";
    }

    @Test
    void detailThroughAnUploadedFileFindsEveryInjectedDifferenceToTheFen() throws Exception {
        String keptId = kept.get("setl_id").asText();
        String keptVisit = kept.get("mdtrt_id").asText();
        String undoneVisit = undone.get("mdtrt_id").asText();
        assertTrue(!keptVisit.equals(keptId) && !keptVisit.isEmpty(), "a visit's id is not its settlement's");
        // mdtrt_id is the national visit the settlement closed (2201 / 2207); a refund names the original's
        String exact = line(kept, keptVisit, "101.50", "0.00", "28.00", 0)
                + line(undone, undoneVisit, "101.50", "0.00", "28.00", 0)
                + line(cancelled, undoneVisit, "-101.50", "0.00", "-28.00", 1)
                + line(remote, remote.get("mdtrt_id").asText(), remote.get("medfee_sumamt").asText(),
                remote.get("fund_pay_sumamt").asText(), remote.get("acct_pay").asText(), 0);
        JsonNode clean = reconcile("clean.zip", "setl_id\tmdtrt_id\tpsn_no\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\t"
                + "refd_setl_flag\n" + exact);
        assertEquals("0", clean.get("stmt_rslt").asText(), clean::toString);
        assertEquals("4", clean.get("matched").asText());

        // the kept settlement's account part booked as 27.00; the refund never booked; one the gateway never made
        String injected = line(kept, keptVisit, "101.50", "0.00", "27.00", 0)
                + line(undone, undoneVisit, "101.50", "0.00", "28.00", 0)
                + line(remote, remote.get("mdtrt_id").asText(), remote.get("medfee_sumamt").asText(),
                remote.get("fund_pay_sumamt").asText(), remote.get("acct_pay").asText(), 0)
                + "S0000000000000000000000000000\tS0000000000000000000000000000\t" + LIU + "\t50.00\t0.00\t10.00\t0\n";
        JsonNode d = reconcile("h15010500001_202606.zip", injected);
        assertEquals("1", d.get("stmt_rslt").asText(), d::toString);
        assertEquals("3", d.get("differences").size() + "", d::toString);
        JsonNode differs = find(d, "DIFFERS");
        assertEquals(keptId, differs.get("setl_id").asText());
        assertEquals("acct_pay", differs.get("fields").asText());
        assertEquals("27.00", differs.at("/sent/acct_pay").asText());
        assertEquals(keptVisit, differs.get("mdtrt_id").asText(), "the visit, as the centre names it");
        assertEquals("28.00", differs.at("/gateway/acct_pay").asText());
        JsonNode missingThere = find(d, "MISSING_THERE");
        assertEquals(cancelled.get("setl_id").asText(), missingThere.get("setl_id").asText());
        assertEquals("-101.50", missingThere.at("/gateway/medfee_sumamt").asText());
        assertEquals("RECORD_THERE", missingThere.get("action").asText());
        JsonNode missingHere = find(d, "MISSING_HERE");
        assertEquals("50.00", missingHere.at("/sent/medfee_sumamt").asText());
        assertEquals("4", missingHere.get("line").asText());

        JsonNode file = d.get("fileinfo");
        byte[] zip = his.download("9102", FileExchangeTest.download(file.get("file_qury_no").asText(),
                file.get("filename").asText())).body();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            z.getNextEntry();
            String text = new String(z.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(4, text.lines().count(), text); // the header and the three differences
            assertTrue(text.contains("DIFFERS\t1\t" + keptId), text);
        }
    }

    static JsonNode find(JsonNode d, String kind) {
        for (JsonNode x : d.get("differences")) {
            if (x.get("kind").asText().equals(kind)) {
                return x;
            }
        }
        throw new AssertionError("no " + kind + " in " + d);
    }

    static JsonNode reconcile(String filename, String lines) throws Exception {
        byte[] zip = FileExchangeTest.zip("detail.txt", lines);
        String no = ok(his.call("9101", FileExchangeTest.upload(filename, zip))).get("file_qury_no").asText();
        return ok(his.call("3202", "{\"data\":{\"file_qury_no\":\"" + no + "\",\"stmt_begndate\":\"2026-06-01\","
                + "\"stmt_enddate\":\"2026-06-30\",\"medfee_sumamt\":\"\",\"fund_pay_sumamt\":\"\",\"cash_payamt\":\"\","
                + "\"fixmedins_setl_cnt\":\"\",\"clr_type\":\"11\",\"refd_setl_flag\":\"\"}}"));
    }

    @Test
    void aClearingNodeListsConfirmsAndRollsBackItsRegionsMonth() throws Exception {
        His node = f.node("N15030000001", Set.of("150300"));
        JsonNode page = ok(node.call("3260", "{\"data\":{\"insuplc_admdvs\":\"150300\",\"setlym\":\"202606\","
                + "\"startrow\":\"1\"}}"));
        assertEquals("1", page.get("recordCount").asText(), page::toString);
        JsonNode r = page.at("/data/0");
        assertEquals(remote.get("setl_id").asText(), r.get("setl_id").asText());
        assertEquals(MA, r.get("psn_no").asText());
        assertEquals("150100", r.get("mdtrtarea_admvs").asText());
        assertEquals(remote.get("medfee_sumamt").asText(), r.get("medfee_sumamt").asText());
        assertEquals(remote.get("fund_pay_sumamt").asText(), r.get("fund_pay_sumamt").asText());
        assertEquals(remote.get("acct_pay").asText(), r.get("acct_pay").asText());

        JsonNode wrong = node.call("3261", "{\"data\":{\"insuplc_admdvs\":\"150300\",\"setlym\":\"202606\",\"detail\":"
                + "[{\"setl_id\":\"" + r.get("setl_id").asText() + "\",\"fund_pay_sumamt\":\"999.99\"}]}}");
        assertEquals(-2, wrong.get("infcode").asInt());
        assertTrue(wrong.get("err_msg").asText().contains("fund_pay_sumamt"), wrong::toString);
        JsonNode done = ok(node.call("3261", "{\"data\":{\"insuplc_admdvs\":\"150300\",\"setlym\":\"202606\",\"detail\":"
                + "[{\"setl_id\":\"" + r.get("setl_id").asText() + "\",\"fund_pay_sumamt\":\""
                + r.get("fund_pay_sumamt").asText() + "\"}]}}"));
        assertEquals("1", done.get("confirmed").asText(), done::toString);
        JsonNode back = ok(node.call("3262", "{\"data\":{\"insuplc_admdvs\":\"150300\",\"setlym\":\"202606\","
                + "\"memo\":\"re-run\"}}"));
        assertEquals("1", back.get("rolled_back").asText());

        JsonNode other = node.call("3260", "{\"data\":{\"insuplc_admdvs\":\"150400\",\"setlym\":\"202606\"}}");
        assertTrue(other.get("err_msg").asText().startsWith("REGION_NOT_SERVED"), other::toString);
        JsonNode notNode = his.call("3260", "{\"data\":{\"insuplc_admdvs\":\"150300\",\"setlym\":\"202606\"}}");
        assertTrue(notNode.get("err_msg").asText().startsWith("ROLE_NOT_PERMITTED"), notNode::toString);
    }

    @Test
    void badClearingInputNamesEveryFieldAndKeepsNothing() throws Exception {
        long totals = f.one("SELECT COUNT(*) FROM totals_reconciliations");
        long applications = f.one("SELECT COUNT(*) FROM clearing_applications");
        JsonNode r = his.call("3201", "{\"data\":{\"insutype\":\"320\",\"clr_type\":\"11\",\"stmt_begndate\":"
                + "\"2026-06-30\",\"stmt_enddate\":\"2026-06-01\",\"medfee_sumamt\":\"1.234\",\"fund_pay_sumamt\":"
                + "\"abc\",\"acct_pay\":\"0\",\"fixmedins_setl_cnt\":\"\",\"clr_category\":\"NEAR\"}}");
        assertEquals(-2, r.get("infcode").asInt());
        String err = r.get("err_msg").asText();
        for (String field : new String[] {"insutype", "stmt_enddate", "medfee_sumamt", "fund_pay_sumamt",
                "fixmedins_setl_cnt", "clr_category"}) {
            assertTrue(err.contains("input.data[0]." + field + " "), field + ": " + err);
        }
        r = his.call("3203", "{\"data\":{\"clr_type\":\"\",\"setlym\":\"2026-13\"}}");
        err = r.get("err_msg").asText();
        assertTrue(err.contains("input.data.clr_type ") && err.contains("input.data.setlym "), err);
        r = his.call("3202", "{\"data\":{\"file_qury_no\":\"nope\",\"stmt_begndate\":\"2026-06-01\"}}");
        err = r.get("err_msg").asText();
        assertTrue(err.contains("input.data.file_qury_no ") && err.contains("input.data.stmt_enddate "), err);
        r = his.call("3204", "{\"data\":{}}");
        assertTrue(r.get("err_msg").asText().contains("input.data.clr_appy_evt_id "), r::toString);
        // a detail file with a bad line: the line and column named
        JsonNode bad = his.call("3202", "{\"data\":{\"file_qury_no\":\"" + ok(his.call("9101", FileExchangeTest.upload(
                "bad.zip", FileExchangeTest.zip("d.txt", "S1\tS1\t" + LIU + "\t1.001\t0.00\t0.00\t0\n"))))
                .get("file_qury_no").asText() + "\",\"stmt_begndate\":\"2026-06-01\",\"stmt_enddate\":\"2026-06-30\"}}");
        assertEquals(-2, bad.get("infcode").asInt());
        assertTrue(bad.get("err_msg").asText().contains("line[1].medfee_sumamt"), bad::toString);
        assertEquals(totals, f.one("SELECT COUNT(*) FROM totals_reconciliations"));
        assertEquals(applications, f.one("SELECT COUNT(*) FROM clearing_applications"));
    }
}

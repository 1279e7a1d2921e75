package cn.onestop.cli;

import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.VisitType;
import cn.onestop.engine.FundPayment;
import cn.onestop.engine.FundType;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SetlInfo;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.json.SettlementJson;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.parse.RuleFiles;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample bill in {@code config/samples/requests} settles against a development gateway with
 * the sample data, and its receipt shows what the engine computes; together the samples cover
 * every plan and visit type the rule tables define. The table of what each produces is written to
 * {@code target/sample-bills.md} (the README's table is copied from it).
 */
class SampleBillsTest {
    static final Path SAMPLES = Path.of("config", "samples", "requests");
    static final Path TABLE = Path.of("target", "sample-bills.md");
    static SampleGateway g;

    @BeforeAll
    static void start() throws Exception {
        g = new SampleGateway("sample_bills");
    }

    @AfterAll
    static void stop() {
        g.close();
    }

    static List<Path> samples() throws Exception {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** One settled sample: the receipt, and what the engine makes of the stored input. */
    record Settled(Path file, String personId, SettlementRequest input, Settlement engine, String receipt) {
    }

    @Test
    void everySampleSettlesAndItsReceiptShowsWhatTheEngineComputesAndTheyCoverEveryPlanAndVisitType()
            throws Exception {
        List<Settled> all = new ArrayList<>();
        for (Path f : samples()) {
            all.add(settle(f));
        }
        Settled injury = all.stream().filter(s -> s.file().endsWith("injury-outpatient-chifeng.json")).findFirst()
                .orElseThrow();
        all.forEach(SampleBillsTest::asExpected);
        all.forEach(SampleBillsTest::classifiedThroughTheCatalog);
        byHand(injury);
        assertEquals(planVisits(), covered(all), "one sample (at least) for every plan and visit type, none other");
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, table(all), StandardCharsets.UTF_8);
        System.out.println(table(all));
    }

    /** Settles {@code f} with {@code client settle}, then splits its stored input again with the bundled rules. */
    private Settled settle(Path f) throws Exception {
        SampleGateway.Run r = SampleGateway.run(g.args(1, "client", "settle", f.toString()));
        assertEquals(0, r.status(), f + ": " + r);
        String receipt = r.out();
        String id = receipt.lines().findFirst().orElseThrow().split("\\s+")[1];
        Matcher person = Pattern.compile("人员 (\\S+)").matcher(receipt.lines().skip(1).findFirst().orElseThrow());
        assertTrue(person.find(), receipt);
        SettlementRequest input = RequestJson.parse(SettlementJson.mapper().readTree(engineInput(id)));
        Outcome o = SplitEngine.split(input, RuleFiles.loadBundled());
        assertTrue(o instanceof Outcome.Settled, f + ": " + o);
        Settlement s = ((Outcome.Settled) o).settlement();
        assertReceiptShows(f, receipt, s);
        return new Settled(f, person.group(1), input, s, receipt);
    }

    private static void assertReceiptShows(Path f, String receipt, Settlement s) {
        Labels l = new Labels(Labels.Lang.ZH);
        SetlInfo a = s.amounts();
        amount(f, receipt, l.word("medfee_sumamt") + " medfee_sumamt", a.medfeeSumamt());
        amount(f, receipt, l.word("fulamt_ownpay_amt"), a.fulamtOwnpayAmt());
        amount(f, receipt, l.word("overlmt_selfpay"), a.overlmtSelfpay());
        amount(f, receipt, l.word("preselfpay_amt"), a.preselfpayAmt());
        amount(f, receipt, l.word("inscp_scp_amt"), a.inscpScpAmt());
        amount(f, receipt, l.word("act_pay_dedc"), a.actPayDedc());
        amount(f, receipt, l.word("fund_pay_sumamt") + " fund_pay_sumamt", a.fundPaySumamt());
        amount(f, receipt, l.word("acct_pay"), a.acctPay());
        amount(f, receipt, l.word("psn_cash_pay"), a.psnCashPay());
        amount(f, receipt, l.word("psn_part_amt") + " psn_part_amt", a.psnPartAmt());
        amount(f, receipt, l.word("balc") + " balc", a.balc());
        for (FundPayment p : s.funds()) {
            if (p.fund() != FundType.PERSONAL_ACCOUNT && p.fund() != FundType.FAMILY_ACCOUNT) {
                amount(f, receipt, l.fund(p.fund().name()) + " " + p.fund().code(), p.amount());
            }
        }
    }

    /** The receipt has a line {@code label … yuan(fen)}. */
    private static void amount(Path f, String receipt, String label, long fen) {
        Pattern p = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + "\\s+" + Pattern.quote(Receipt.yuan(fen)) + "$");
        assertTrue(p.matcher(receipt).find(), f + ": the receipt shows " + label + " " + Receipt.yuan(fen) + "\n"
                + receipt);
    }

    /**
     * What each sample bill comes to on a fresh development gateway, in fen: bill, out of catalog,
     * over the price limits, paid first, in scope, the funds, the account, cash. A change in the
     * rules, the samples or the sample data that moves an amount fails here (and the README's
     * receipts are to be copied again).
     */
    static final Map<String, long[]> EXPECTED = Map.ofEntries(
            Map.entry("emergency-outpatient-hohhot.json",
                    new long[] {38_610, 3_500, 0, 2_352, 32_758, 31_456, 3_654, 3_500}),
            Map.entry("emergency-to-inpatient-chifeng.json",
                    new long[] {151_900, 8_000, 0, 8_140, 135_760, 109_849, 0, 42_051}),
            Map.entry("emergency-to-inpatient-hohhot.json",
                    new long[] {798_180, 6_800, 0, 25_450, 765_930, 697_192, 94_188, 6_800}),
            Map.entry("general-outpatient-hohhot.json",
                    new long[] {55_900, 4_500, 0, 17_408, 33_992, 16_538, 34_862, 4_500}),
            Map.entry("general-outpatient-wuhai.json",
                    new long[] {149_088, 6_800, 0, 11_906, 130_382, 15_191, 127_097, 6_800}),
            Map.entry("injury-outpatient-chifeng.json",
                    new long[] {21_450, 1_500, 0, 905, 19_045, 15_236, 0, 6_214}),
            Map.entry("inpatient-chifeng.json",
                    new long[] {2_287_460, 24_000, 0, 234_950, 2_028_510, 1_349_957, 0, 937_503}),
            Map.entry("inpatient-hohhot-coded.json",
                    new long[] {600_062, 8_400, 3_420, 24_731, 563_511, 427_984, 128_450, 43_628}),
            Map.entry("inpatient-hohhot.json",
                    new long[] {2_125_000, 35_000, 20_000, 108_000, 1_962_000, 1_616_700, 356_000, 152_300}),
            Map.entry("outpatient-observation-chifeng.json",
                    new long[] {10_380, 0, 0, 180, 10_200, 5_100, 0, 5_280}),
            Map.entry("pharmacy-hohhot.json",
                    new long[] {8_082, 3_200, 0, 165, 4_717, 0, 4_882, 3_200}),
            Map.entry("pharmacy-wuhai.json",
                    new long[] {143_088, 2_800, 0, 13_880, 126_408, 15_845, 124_443, 2_800}));

    private static void asExpected(Settled s) {
        SetlInfo a = s.engine().amounts();
        long[] want = EXPECTED.get(s.file().getFileName().toString());
        assertTrue(want != null, s.file() + ": an expectation for every sample");
        assertArrayEquals(want, new long[] {a.medfeeSumamt(), a.fulamtOwnpayAmt(), a.overlmtSelfpay(),
                a.preselfpayAmt(), a.inscpScpAmt(), a.fundPaySumamt(), a.acctPay(), a.psnCashPay()},
                s.file() + ": bill, out of catalog, over limit, paid first, in scope, funds, account, cash");
    }

    /**
     * The student's injury outpatient visit, from POLICY.md by hand, every line classified by the
     * sample catalog (150400@2023-01-01): 甲类 急诊诊察费 12.00, X线摄影 60.00, 换药 25.00 and gauze
     * 10 × 1.20; a 65.00 absorbable suture, a consumable the catalog gives a 10% self ratio (6.50
     * paid first); 乙类 莫匹罗星软膏 14.50 and 头孢呋辛酯片 10 × 1.10, 10% paid first (1.45 + 1.10);
     * 丙类 复合维生素 15.00. Bill 214.50; in scope 214.50 − 15.00 − 9.05 = 190.45; R §25 pays 80% of
     * it, 152.36 (under the 400-yuan annual cap), no deductible; a resident's account is empty, so
     * the patient pays 214.50 − 152.36 = 62.14 in cash.
     */
    private static void byHand(Settled s) {
        SetlInfo a = s.engine().amounts();
        assertEquals(21_450, a.medfeeSumamt());
        assertEquals(1_500, a.fulamtOwnpayAmt());
        assertEquals(650 + 145 + 110, a.preselfpayAmt());
        assertEquals(19_045, a.inscpScpAmt());
        assertEquals(0, a.actPayDedc());
        assertEquals(15_236, a.hifpPay());
        assertEquals(15_236, a.fundPaySumamt());
        assertEquals(0, a.acctPay());
        assertEquals(6_214, a.psnCashPay());
        assertTrue(s.receipt().contains("目录版本 150400@2023-01-01"), s.receipt());
        assertTrue(s.receipt().contains("城乡居民基本医疗保险统筹基金 390100"), s.receipt());
        assertTrue(s.receipt().matches("(?s).*现金支付\\s+62\\.14\n.*"), s.receipt());
    }

    /**
     * Every sample but {@code inpatient-hohhot.json} (the explicit form: categories given by the
     * sender) is a bill as a billing system sends it, item codes only, classified through the sample
     * catalog of the institution's region: its receipt names the catalog version, and no code is
     * unknown to it but the one the coded inpatient bill carries on purpose.
     */
    private static void classifiedThroughTheCatalog(Settled s) {
        if (s.file().endsWith("inpatient-hohhot.json")) {
            return;
        }
        assertTrue(s.receipt().matches("(?s).*目录版本 15[0-9]{4}@2023-01-01.*"), s.file() + "\n" + s.receipt());
        boolean deliberate = s.file().endsWith("inpatient-hohhot-coded.json");
        assertEquals(deliberate, s.receipt().contains("UNKNOWN_ITEM_CODE"), s.file() + "\n" + s.receipt());
    }

    /** Every (plan, visit type) a sample settles. */
    private static Set<String> covered(List<Settled> all) {
        Set<String> out = new TreeSet<>();
        all.forEach(s -> out.add(s.input().plan() + " " + s.input().visit().type()));
        return out;
    }

    /**
     * Every (plan, visit type) the rule tables in force define: each plan's first sample pre-settled
     * under every visit type; those the version has no section for are refused RULE_SECTION_MISSING.
     */
    private Set<String> planVisits() throws Exception {
        Set<String> out = new TreeSet<>();
        Set<String> plans = new TreeSet<>();
        for (Path f : samples()) {
            SettleRequest bill = ClientCommand.read(f, SettleRequest.newBuilder()).build();
            String plan = planOf(bill);
            if (!plans.add(plan)) {
                continue;
            }
            for (VisitType v : VisitType.values()) {
                if (v == VisitType.VISIT_TYPE_UNSPECIFIED || v == VisitType.UNRECOGNIZED) {
                    continue;
                }
                Path other = Files.createTempFile(Path.of("target"), "visit", ".json");
                Files.writeString(other, JsonFormat.printer().print(bill.toBuilder()
                        .setVisit(bill.getVisit().toBuilder().setType(v)).build()));
                SampleGateway.Run r = SampleGateway.run(g.args(1, "client", "presettle", other.toString()));
                Files.delete(other);
                if (r.status() == 0) {
                    out.add(plan + " " + v);
                } else {
                    assertTrue(r.err().contains("RULE_SECTION_MISSING"), plan + " " + v + ": " + r);
                }
            }
        }
        return out;
    }

    /** The plan of the person a bill names, as the receipt of its pre-settlement says (规则版本 PLAN@DATE). */
    private static String planOf(SettleRequest bill) throws Exception {
        Path f = Files.createTempFile(Path.of("target"), "plan", ".json");
        Files.writeString(f, JsonFormat.printer().print(bill));
        SampleGateway.Run r = SampleGateway.run(g.args(1, "client", "presettle", f.toString()));
        Files.delete(f);
        Matcher m = Pattern.compile("规则版本 ([A-Z-]+)@").matcher(r.out());
        assertTrue(m.find(), r.toString());
        return m.group(1);
    }

    private static String engineInput(String settlementId) throws Exception {
        try (Connection c = g.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT engine_input FROM settlements WHERE settlement_id = ?")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), settlementId);
                String s = rs.getString(1);
                c.rollback();
                return s;
            }
        }
    }

    private static String name(String personId) throws Exception {
        try (Connection c = g.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM persons WHERE person_id = ?")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String s = rs.getString(1);
                c.rollback();
                return s;
            }
        }
    }

    /** The README's table of samples: what each produces on a fresh development gateway. */
    static String table(List<Settled> all) throws Exception {
        StringBuilder t = new StringBuilder("| sample | plan | visit type | person | bill | funds pay | account | cash |\n"
                + "|---|---|---|---|---:|---:|---:|---:|\n");
        for (Settled s : all) {
            SetlInfo a = s.engine().amounts();
            t.append("| `").append(s.file().getFileName()).append("` | ").append(s.input().plan()).append(" | ")
                    .append(s.input().visit().type()).append(" | ").append(name(s.personId())).append(' ')
                    .append(s.personId()).append(" | ").append(Receipt.yuan(a.medfeeSumamt())).append(" | ")
                    .append(Receipt.yuan(a.fundPaySumamt())).append(" | ").append(Receipt.yuan(a.acctPay()))
                    .append(" | ").append(Receipt.yuan(a.psnCashPay())).append(" |\n");
        }
        return t.toString();
    }
}

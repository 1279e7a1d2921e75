package cn.onestop.cli;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.clearing.MutableClock;
import cn.onestop.clearing.Yuan;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import cn.onestop.gateway.ClearingConfig;
import cn.onestop.gateway.Gateway;
import cn.onestop.gateway.ServerConfig;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clearing commands as finance staff and a clearing node run them, against a running gateway. */
class ClearingCommandsTest {
    static Database db;
    static Gateway gateway;
    static SettleResponse stay;
    static SettleResponse beijing;
    static final MutableClock clock = new MutableClock(MutableClock.at("2025-06-02T10:00:00"));
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("clearing_cli");
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, "H15010500001", 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, "H11010500001", 3, "A", "HOSPITAL", false, false, true);
            TestRows.enrol(c, "E1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 50_000, null);
        }
        gateway = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false)
                .withRulesPoll(Duration.ofMillis(200)), ClearingConfig.defaults(), clock,
                io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forPort(0));
        hospital = token(new Principal("H15010500001", Role.INSTITUTION, "H15010500001", Set.of(), false));
        node = token(new Principal("node-159900", Role.CLEARING, null, Set.of("159900"), false));
        chifengNode = token(new Principal("node-150400", Role.CLEARING, null, Set.of("150400"), false));
        String beijingHospital = token(new Principal("H11010500001", Role.INSTITUTION, "H11010500001", Set.of(), false));
        ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        try {
            var api = SettlementServiceGrpc.newBlockingStub(ch);
            stay = api.withCallCredentials(Connection.bearer(hospital)).settle(request("H15010500001", "c1"));
            beijing = api.withCallCredentials(Connection.bearer(beijingHospital)).settle(request("H11010500001", "c2"));
        } finally {
            ch.shutdownNow();
        }
        clock.set("2025-07-01T00:05:00");
    }

    static SettleRequest request(String institution, String message) {
        return SettleRequest.newBuilder().setInstitutionCode(institution).setMessageId(message)
                .setCredential(Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue("EV-E1"))
                .setSettleDate("2025-06-02").setVisit(Visit.newBuilder().setType(VisitType.INPATIENT))
                .addLines(BillLine.newBuilder().setId("a").setCategory(Category.A).setUnitPrice(300_000).setQty(1))
                .build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        db.close();
    }

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = new CommandLine(new Main()).execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Bearer tokens of the Hohhot hospital, of a node serving 159900, and of a node serving only 150400. */
    static String hospital;
    static String node;
    static String chifengNode;

    static String token(Principal p) {
        gateway.identities().add(Caller.local("test"), p);
        return gateway.identities().issue(Caller.local("test"), p.subject(), false).token();
    }

    static String target() {
        return "127.0.0.1:" + gateway.port();
    }

    @Test
    void everyCommandHasItsHelpAndJson() {
        for (String[] cmd : new String[][] {{"close-day"}, {"statement"}, {"reconcile", "totals"},
                {"reconcile", "detail"}, {"reconcile", "hospital"}, {"clearing", "list"}, {"clearing", "confirm"},
                {"clearing", "rollback"}, {"sharing"}}) {
            String[] help = new String[cmd.length + 1];
            System.arraycopy(cmd, 0, help, 0, cmd.length);
            help[cmd.length] = "--help";
            Run r = run(help);
            assertEquals(0, r.status(), String.join(" ", cmd));
            assertTrue(r.out().contains("--json"), String.join(" ", cmd) + ": " + r.out());
            assertTrue(r.out().contains("--lang"), String.join(" ", cmd) + ": " + r.out());
        }
    }

    @Test
    void aMissingCertificateFileIsOneLineNamingTheOptionAndNoStackTrace() {
        java.io.StringWriter err = new java.io.StringWriter();
        int status = Main.commandLine().setErr(new java.io.PrintWriter(err, true)).execute("close-day", "--target",
                "localhost:1", "--cacert", "target/no-such-ca.crt", "--token", "x", "--institution", "H15010500001",
                "--day", "2025-06-02");
        assertEquals(Main.EXIT_CONFIG, status, err.toString());
        assertTrue(err.toString().matches("(?s)onestop close-day: configuration error: --cacert: no file "
                + "target/no-such-ca.crt .*"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
    }

    @Test
    void sharingPrintsOneJsonObject() throws Exception {
        Run r = run("sharing", "--scheme", "QUOTA", "--budget", "10000.00", "--actual", "8500", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(875_000, o.get("centre_pays").asLong());
        assertEquals(0, o.get("hospital_bears").asLong());
        assertEquals(25_000, o.get("reward").asLong());
        assertEquals("QUOTA_SAVING", o.get("band").asText());
        assertEquals(1, r.out().strip().split("\n").length);
        Run text = run("sharing", "--scheme", "QUOTA", "--budget", "10000.00", "--actual", "8500", "--lang", "en");
        assertTrue(text.out().matches("(?s).*\\nthe centre pays +8,750\\.00\\n.*"), text.out());
        assertTrue(text.out().matches("(?s).*\\nof which kept as a reward +250\\.00\\n.*"), text.out());
        Run zh = run("sharing", "--scheme", "QUOTA", "--budget", "10000.00", "--actual", "8500");
        assertTrue(zh.out().matches("(?s).*\\n医保中心支付 +8,750\\.00\\n.*"), zh.out());
        Run bad = run("sharing", "--scheme", "FLAT", "--budget", "1.001", "--actual", "1");
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("INVALID_ARGUMENT: --scheme"), bad.err());
        assertTrue(bad.err().contains("--budget: "), "every option at fault: " + bad.err());
    }

    @Test
    void closeDayStatementAndReconciliationFromTheCommandLine() throws Exception {
        Run close = run("close-day", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--day", "2025-06-02", "--lang", "en");
        assertEquals(0, close.status(), close.err());
        assertTrue(close.out().contains("1 settlements, 0 reversals"), close.out());
        var stayAmounts = stay.getRecord().getSettlement().getAmounts();
        assertTrue(close.out().matches("(?s).*\\nfunds in all fund_pay_sumamt +"
                + java.util.regex.Pattern.quote(Receipt.yuan(stayAmounts.getFundPaySumamt())) + "\\n.*"), close.out());
        Run closeZh = run("close-day", "--target", target(), "--plaintext", "--token", hospital, "--institution",
                "H15010500001", "--day", "2025-06-02");
        assertTrue(closeZh.out().contains("结算 1 笔，撤销 0 笔"), closeZh.out());
        assertTrue(closeZh.out().contains("职工基本医疗保险统筹基金 310100 ×1"), closeZh.out());
        Run json = run("close-day", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--day", "2025-06-02",
                "--json");
        assertEquals(1, new ObjectMapper().readTree(json.out()).get("settlements").asInt());
        Run csv = run("statement", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--month", "202506", "--csv");
        assertTrue(csv.out().startsWith("institution_code,setlym,item"), csv.out());

        var a = stay.getRecord().getSettlement().getAmounts();
        Path totals = dir.resolve("totals.tsv");
        Files.writeString(totals, "insutype\tclr_type\tclr_category\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\t"
                + "fixmedins_setl_cnt\n310\t21\tLOCAL\t" + Yuan.format(a.getMedfeeSumamt()) + "\t"
                + Yuan.format(a.getFundPaySumamt()) + "\t" + Yuan.format(a.getAcctPay()) + "\t1\n");
        Run t = run("reconcile", "totals", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--from",
                "2025-06-01", "--to", "2025-06-30", totals.toString(), "--lang", "en");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains(": balanced"), t.out());
        Files.writeString(totals, "310\t21\tLOCAL\t1.234\t0\t0\t1\n310\t21\n");
        Run bad = run("reconcile", "totals", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--from",
                "2025-06-01", "--to", "2025-06-30", totals.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("line 1, medfee_sumamt: has more than two decimals"), bad.err());
        assertTrue(bad.err().contains("line 2: a short row"), bad.err());

        Path detail = dir.resolve("3202.txt");
        Files.writeString(detail, "S-NOT-HERE\tS-NOT-HERE\tE1\t1.00\t1.00\t0.00\t0\n");
        Run d = run("reconcile", "detail", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--from",
                "2025-06-01", "--to", "2025-06-30", detail.toString(), "--lang", "en");
        assertEquals(0, d.status(), d.err());
        assertTrue(d.out().contains("2 differences"), d.out());
        assertTrue(d.out().contains("MISSING_THERE " + stay.getRecord().getSettlementId()), d.out());
        Files.writeString(detail, "S1\tS1\tE1\tx\t1.00\t0.00\t0\n");
        Run e = run("reconcile", "detail", "--target", target(), "--plaintext", "--token", hospital, "--institution", "H15010500001", "--from",
                "2025-06-30", "--to", "2025-06-01", detail.toString());
        assertEquals(2, e.status(), "refused with a reason, as every command");
        assertTrue(e.err().startsWith("INVALID_ARGUMENT"), e.err());
        assertTrue(e.err().contains("stmt_enddate"), e.err());
    }

    @Test
    void aClearingNodeListsConfirmsAndRollsBack() {
        Run list = run("clearing", "list", "--target", target(), "--plaintext", "--token", node, "--region", "159900", "--month", "202506");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains(beijing.getRecord().getSettlementId()), list.out());
        Run confirm = run("clearing", "confirm", "--target", target(), "--plaintext", "--token", node, "--region", "159900", "--month", "202506", "--lang", "en");
        assertEquals(0, confirm.status(), confirm.err());
        assertTrue(confirm.out().contains("1 rows confirmed now, 1 of 1 (CONFIRMED)"), confirm.out());
        Run rollback = run("clearing", "rollback", "--target", target(), "--plaintext", "--token", node, "--region", "159900", "--month", "202506",
                "--reason", "test", "--json");
        assertEquals(0, rollback.status(), rollback.err());
        assertTrue(rollback.out().contains("\"rolled_back\": 1"), rollback.out());
        Run other = run("clearing", "list", "--target", target(), "--plaintext", "--token", chifengNode, "--region", "159900", "--month", "202506");
        assertEquals(2, other.status());
        assertTrue(other.err().startsWith("PERMISSION_DENIED"), other.err());
    }
}

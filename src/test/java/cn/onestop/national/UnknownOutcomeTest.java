package cn.onestop.national;

import cn.onestop.db.Settings;
import cn.onestop.gateway.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.onestop.national.OutpatientFlowTest.fee;
import static cn.onestop.national.OutpatientFlowTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What public clients leave as a to-do: the billing system times out while the gateway settles, so it
 * does not know whether it was charged. It sends 2601 (冲正) for that msgid, and whatever the order
 * of events — the gateway committed before the 2601, or commits only after it — the settlement ends
 * reversed exactly once, the account and every accumulator back to the fen, and the timed-out message
 * can never take effect again. The settlement is held up by a real row lock on the person's account,
 * as a concurrent transaction would hold it.
 */
class UnknownOutcomeTest {
    static final String LIU = "150100000003"; // 刘福生, retired, 2026 opening accumulators, 8,123.00 yuan
    static final String LIU_ID_CARD = "150103195508230158";
    static NationalFixture f;
    static His his;

    @BeforeAll
    static void start() throws Exception {
        // a 3 s deadline for every message: the gateway answers within it whatever it waits for
        f = new NationalFixture("national_unknown", cfg -> ServerConfig.load(Settings.of(Map.of("ONESTOP_TIMEOUT_MS",
                "3000"))).withPort(0));
        his = f.his(NationalFixture.HOSPITAL);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** A visit with 101.50 yuan of fee details; its 2207 body. */
    static String visit() throws Exception {
        JsonNode reg = ok(his.call("2201", "{\"data\":{\"psn_no\":\"" + LIU + "\",\"insutype\":\"310\",\"begntime\":"
                + "\"2026-12-01 10:00:00\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\"" + LIU_ID_CARD + "\"}}"));
        String mdtrt = reg.at("/data/mdtrt_id").asText();
        ok(his.call("2204", ("{\"feedetail\":[" + fee("F1", mdtrt, "001102000010000", "12.00", "1", "12.00") + ","
                + fee("F2", mdtrt, "XJ01CRA744A001010300217", "0.90", "20", "18.00") + ","
                + fee("F3", mdtrt, "XA11HAA139A010010102641", "71.50", "1", "71.50") + "]}")
                .replace(OutpatientFlowTest.ZHANG, LIU)));
        return "{\"data\":{\"psn_no\":\"" + LIU + "\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\"" + LIU_ID_CARD
                + "\",\"med_type\":\"11\",\"medfee_sumamt\":\"101.50\",\"psn_setlway\":\"01\",\"mdtrt_id\":\"" + mdtrt
                + "\",\"insutype\":\"310\",\"acct_used_flag\":\"1\"}}";
    }

    /** The person's account balance and every accumulator of 2026. */
    static List<Long> state() throws SQLException {
        List<Long> out = new ArrayList<>();
        out.add(f.balance(LIU));
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM accumulators WHERE person_id = ? AND year = 2026")) {
            ps.setString(1, LIU);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                for (int i = 4; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getLong(i));
                }
            }
            c.rollback();
        }
        return out;
    }

    /** A transaction of the test's own holding the person's account row, as a concurrent settlement would. */
    static Connection lockAccount() throws SQLException {
        Connection c = f.db.dataSource().getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE person_id = ? FOR UPDATE")) {
            ps.setString(1, LIU);
            ps.executeQuery().close();
        }
        return c;
    }

    static String settlementStatus(String msgid) throws SQLException {
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM settlements WHERE institution_code = ? "
                     + "AND message_id = ?")) {
            ps.setString(1, NationalFixture.HOSPITAL);
            ps.setString(2, msgid);
            try (ResultSet rs = ps.executeQuery()) {
                String s = rs.next() ? rs.getString(1) : null;
                c.rollback();
                return s;
            }
        }
    }

    static void awaitStatus(String msgid, String status) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!status.equals(settlementStatus(msgid))) {
            assertTrue(System.nanoTime() < until, "settlement " + msgid + " never became " + status + " (is "
                    + settlementStatus(msgid) + ")");
            Thread.sleep(50);
        }
    }

    static long reversals(String msgid) throws SQLException {
        return f.one("SELECT COUNT(*) FROM reversals r JOIN settlements s ON s.settlement_id = r.settlement_id "
                + "WHERE s.message_id = ?", msgid);
    }

    static String reversal(String omsgid) {
        return "{\"data\":{\"psn_no\":\"" + LIU + "\",\"omsgid\":\"" + omsgid + "\",\"oinfno\":\"2207\"}}";
    }

    @Test
    void theHisTimesOutAfterTheGatewayCommittedAnd2601ReversesItOnceToTheFen() throws Exception {
        String settle = visit();
        List<Long> before = state();
        String msgid = his.msgid();
        Connection lock = lockAccount();
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1_500); // after the billing system gave up (1 s), well within the gateway's 3 s
                lock.rollback();
                lock.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        String body = His.JSON.writeValueAsString(his.envelope("2207", msgid, His.JSON.readTree(settle)));
        assertThrows(HttpTimeoutException.class, () -> his.send(body, Duration.ofSeconds(1)));
        release.join();
        awaitStatus(msgid, "SETTLED");
        assertEquals(before.get(0) - 2_800, f.balance(LIU), "the gateway committed: the account paid 28.00");

        JsonNode undone = ok(his.call("2601", reversal(msgid)));
        String undoMsgid = his.lastMsgid;
        assertEquals("1", undone.get("reversed").asText());
        assertEquals("-101.50", undone.at("/setlinfo/medfee_sumamt").asText());
        assertEquals("-28.00", undone.at("/setlinfo/acct_pay").asText());
        assertEquals("REVERSED", settlementStatus(msgid));
        assertEquals(before, state(), "account and accumulators restored to the fen");
        assertEquals(1, reversals(msgid));

        assertEquals(undone, ok(his.call("2601", undoMsgid, reversal(msgid))), "a retry of the 2601 answers the same");
        ok(his.call("2601", reversal(msgid))); // another 2601 of the same message changes nothing
        assertEquals(1, reversals(msgid));
        assertEquals(before, state());
        JsonNode retried = his.call("2207", msgid, settle);
        assertEquals(-2, retried.get("infcode").asInt(), retried::toString);
        assertTrue(retried.get("err_msg").asText().startsWith("MESSAGE_VOIDED"), retried::toString);
        assertEquals(before, state(), "the reversed message never settles again");
        // the visit is free again: settled under a new msgid, once
        ok(his.call("2207", settle));
        assertEquals(before.get(0) - 2_800, f.balance(LIU));
        ok(his.call("2601", reversal(his.lastMsgid)));
        assertEquals(before, state());
    }

    @Test
    void a2601ThatArrivesWhileTheSettlementIsStillRunningLeavesNothingBehindEither() throws Exception {
        String settle = visit();
        List<Long> before = state();
        String msgid = his.msgid();
        Connection lock = lockAccount();
        String body = His.JSON.writeValueAsString(his.envelope("2207", msgid, His.JSON.readTree(settle)));
        assertThrows(HttpTimeoutException.class, () -> his.send(body, Duration.ofMillis(500)));
        // the settlement waits for the lock; the billing system reverses what it does not know about
        JsonNode undone = ok(his.call("2601", reversal(msgid)));
        assertEquals("0", undone.get("reversed").asText(), "nothing had been committed yet");
        lock.rollback();
        lock.close();
        // the settlement commits now, finds its message reversed and undoes itself
        awaitStatus(msgid, "REVERSED");
        assertEquals(1, reversals(msgid));
        assertEquals(before, state(), "account and accumulators restored to the fen");
        JsonNode retried = his.call("2207", msgid, settle);
        assertEquals(-2, retried.get("infcode").asInt(), retried::toString);
        assertEquals(before, state());
    }

    @Test
    void aSettlementThatCannotFinishWithinTheDeadlineIsAnsweredOutcomeUnknownAndIsResolvedBy2601() throws Exception {
        String settle = visit();
        List<Long> before = state();
        Connection lock = lockAccount();
        JsonNode r;
        try {
            r = his.call("2207", settle); // the gateway's own 3 s deadline passes while the row is held
        } finally {
            Thread.sleep(500);
            lock.rollback();
            lock.close();
        }
        String msgid = his.lastMsgid;
        assertEquals(-1, r.get("infcode").asInt(), r::toString);
        assertTrue(r.get("err_msg").asText().contains("2601"), r::toString);
        ok(his.call("2601", reversal(msgid)));
        Thread.sleep(1_000); // whatever was still running has finished
        String status = settlementStatus(msgid);
        assertTrue(status == null || status.equals("REVERSED"), "no settlement stands: " + status);
        assertEquals(before, state(), "account and accumulators as before, to the fen");
    }
}

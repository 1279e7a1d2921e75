package cn.onestop.national;

import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.SettlementRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An outpatient visit driven as a billing system already integrated with the national platform
 * drives it, over TLS, bodies shaped as public clients send them (amounts as strings, empty optional
 * fields): 9001 → 1101 → 2201 → 2204 → 2206 → 2207 → 2208, every amount checked to the fen, and the
 * settlement seen through the gRPC API too.
 */
class OutpatientFlowTest {
    static final String ZHANG = "150100000001"; // 张建华, employee, active, account 3,560.00 yuan
    static final String ZHANG_ID_CARD = "150102198204170317";
    static NationalFixture f;
    static His his;

    @BeforeAll
    static void start() throws Exception {
        f = new NationalFixture("national_outpatient");
        his = f.his(NationalFixture.HOSPITAL);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static JsonNode ok(JsonNode reply) {
        assertEquals(0, reply.get("infcode").asInt(), () -> "refused: " + reply);
        return reply.get("output");
    }

    @Test
    void aVisitIsRegisteredUploadedPreSettledSettledAndCancelledToTheFen() throws Exception {
        JsonNode sign = ok(his.call("9001", "{\"signIn\":{\"opter_no\":\"0001\",\"mac\":\"00-16-EA-AE-3C-40\","
                + "\"ip\":\"10.1.1.9\"}}"));
        assertTrue(sign.at("/signinoutb/sign_no").asText().length() >= 8);
        JsonNode again = ok(his.call("9001", "{\"signIn\":{\"opter_no\":\"0001\",\"mac\":\"\",\"ip\":\"\"}}"));
        assertEquals(sign.at("/signinoutb/sign_no"), again.at("/signinoutb/sign_no"), "one sign_no a day");

        JsonNode person = ok(his.call("1101", "{\"data\":{\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\""
                + ZHANG_ID_CARD + "\",\"card_sn\":\"\",\"begntime\":\"\",\"psn_cert_type\":\"01\",\"certno\":\""
                + ZHANG_ID_CARD + "\",\"psn_name\":\"\"}}"));
        assertEquals(ZHANG, person.at("/baseinfo/psn_no").asText());
        assertEquals("张建华", person.at("/baseinfo/psn_name").asText());
        assertEquals("3560.00", person.at("/insuinfo/0/balc").asText());
        assertEquals("310", person.at("/insuinfo/0/insutype").asText());
        assertEquals("11", person.at("/insuinfo/0/psn_type").asText());

        JsonNode reg = ok(his.call("2201", "{\"data\":{\"psn_no\":\"" + ZHANG + "\",\"insutype\":\"310\","
                + "\"begntime\":\"2026-12-01 09:12:00\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\""
                + ZHANG_ID_CARD + "\",\"ipt_otp_no\":\"MZ20261201001\",\"atddr_no\":\"D001\",\"dr_name\":\"李医生\","
                + "\"dept_code\":\"A03\",\"dept_name\":\"内科\",\"caty\":\"A03\"}}"));
        String mdtrt = reg.at("/data/mdtrt_id").asText();
        assertEquals(ZHANG, reg.at("/data/psn_no").asText());
        assertEquals("MZ20261201001", reg.at("/data/ipt_otp_no").asText());

        JsonNode uploaded = ok(his.call("2204", "{\"feedetail\":[" + fee("F001", mdtrt, "001102000010000", "12.00", "1",
                "12.00") + "," + fee("F002", mdtrt, "XJ01CRA744A001010300217", "0.90", "20", "18.00") + ","
                + fee("F003", mdtrt, "XA11HAA139A010010102641", "25.50", "1", "25.50") + ","
                + fee("F004", mdtrt, "YN-ZJ-2025-017", "46.00", "1.0000", "46.00") + "]}"));
        JsonNode lines = uploaded.get("result");
        assertEquals(4, lines.size());
        // 诊察费: 甲类, price limit 10.00 a unit: 2.00 over the limit
        assertLine(lines.get(0), "F001", "01", "10.00", "0", "0.00", "2.00", "0.00", "10.00");
        // 乙类 drug under its limit: 10% paid first
        assertLine(lines.get(1), "F002", "02", "0.95", "0.1", "0.00", "0.00", "1.80", "16.20");
        // 丙类: own pay whole
        assertLine(lines.get(2), "F003", "03", "", "1", "25.50", "0.00", "0.00", "0.00");
        // not in the catalog: own pay whole, said so
        assertLine(lines.get(3), "F004", "03", "", "1", "46.00", "0.00", "0.00", "0.00");
        assertTrue(!lines.get(3).get("memo").asText().isEmpty());

        String settle = "{\"data\":{\"psn_no\":\"" + ZHANG + "\",\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\""
                + ZHANG_ID_CARD + "\",\"med_type\":\"11\",\"medfee_sumamt\":\"101.50\",\"psn_setlway\":\"01\","
                + "\"mdtrt_id\":\"" + mdtrt + "\",\"chrg_bchno\":\"0000\",\"insutype\":\"310\",\"acct_used_flag\":\"1\","
                + "\"invono\":\"\",\"fulamt_ownpay_amt\":\"\",\"overlmt_selfpay\":\"\",\"preselfpay_amt\":\"\","
                + "\"inscp_scp_amt\":\"\"}}";
        JsonNode pre = ok(his.call("2206", settle));
        assertAmounts(pre.get("setlinfo"), 1);
        assertEquals(356_000, f.balance(ZHANG), "a pre-settlement moves nothing");

        JsonNode done = ok(his.call("2207", settle));
        String settleMsgid = his.lastMsgid;
        JsonNode s = done.get("setlinfo");
        assertAmounts(s, 1);
        assertEquals("3532.00", s.get("balc").asText());
        assertEquals(mdtrt, s.get("mdtrt_id").asText());
        assertEquals(settleMsgid, s.get("medins_setl_id").asText());
        assertEquals("张建华", s.get("psn_name").asText());
        assertEquals("11", s.get("med_type").asText());
        assertEquals("11", s.get("clr_type").asText());
        assertEquals("1", s.get("clr_way").asText());
        assertEquals("150100", s.get("clr_optins").asText());
        assertEquals(353_200, f.balance(ZHANG));
        JsonNode detail = done.get("setldetail");
        assertEquals(1, detail.size(), detail::toString);
        assertEquals("310200", detail.get(0).get("fund_pay_type").asText());
        assertEquals("28.00", detail.get(0).get("fund_payamt").asText());
        String setlId = s.get("setl_id").asText();

        // one ledger: the gRPC API reads the same settlement
        SettlementRecord viaGrpc = f.grpc(NationalFixture.HOSPITAL).getSettlement(GetSettlementRequest.newBuilder()
                .setSettlementId(setlId).build());
        assertEquals(settleMsgid, viaGrpc.getMessageId());
        assertEquals(10_150, viaGrpc.getSettlement().getAmounts().getMedfeeSumamt());
        assertEquals(2_800, viaGrpc.getSettlement().getAmounts().getAcctPay());

        // the same message again answers as first answered, nothing charged twice
        JsonNode replay = ok(his.call("2207", settleMsgid, settle));
        assertEquals(setlId, replay.at("/setlinfo/setl_id").asText());
        assertEquals(353_200, f.balance(ZHANG));

        JsonNode cancel = ok(his.call("2208", "{\"data\":{\"setl_id\":\"" + setlId + "\",\"mdtrt_id\":\"" + mdtrt
                + "\",\"psn_no\":\"" + ZHANG + "\"}}"));
        assertAmounts(cancel.get("setlinfo"), -1);
        assertEquals("3560.00", cancel.at("/setlinfo/balc").asText());
        assertEquals("-28.00", cancel.at("/setldetail/0/fund_payamt").asText());
        assertEquals(356_000, f.balance(ZHANG));
        JsonNode after = ok(his.call("1101", "{\"data\":{\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\""
                + ZHANG_ID_CARD + "\"}}"));
        assertEquals("3560.00", after.at("/insuinfo/0/balc").asText());
    }

    static String fee(String sn, String mdtrt, String code, String pric, String cnt, String sum) {
        return "{\"feedetl_sn\":\"" + sn + "\",\"mdtrt_id\":\"" + mdtrt + "\",\"psn_no\":\"" + ZHANG + "\","
                + "\"chrg_bchno\":\"B1\",\"dise_codg\":\"\",\"rxno\":\"\",\"rx_circ_flag\":\"0\","
                + "\"fee_ocur_time\":\"2026-12-01 09:30:00\",\"med_list_codg\":\"" + code + "\","
                + "\"medins_list_codg\":\"H-" + sn + "\",\"det_item_fee_sumamt\":\"" + sum + "\",\"cnt\":\"" + cnt
                + "\",\"pric\":\"" + pric + "\",\"sin_dos_dscr\":\"\",\"used_frqu_dscr\":\"\",\"prd_days\":\"\","
                + "\"medc_way_dscr\":\"\",\"bilg_dept_codg\":\"A03\",\"bilg_dept_name\":\"内科\",\"bilg_dr_codg\":\"D001\","
                + "\"bilg_dr_name\":\"李医生\",\"hosp_appr_flag\":\"\",\"tcmdrug_used_way\":\"\",\"etip_flag\":\"\","
                + "\"etip_hosp_code\":\"\",\"dscg_tkdrug_flag\":\"\",\"matn_fee_flag\":\"\"}";
    }

    static void assertLine(JsonNode l, String sn, String lv, String limit, String prop, String fulamt, String over,
                           String pre, String inscp) {
        assertEquals(sn, l.get("feedetl_sn").asText());
        assertEquals(lv, l.get("chrgitm_lv").asText(), sn + " chrgitm_lv");
        assertEquals(limit, l.get("pric_uplmt_amt").asText(), sn + " pric_uplmt_amt");
        assertEquals(prop, l.get("selfpay_prop").asText(), sn + " selfpay_prop");
        assertEquals(fulamt, l.get("fulamt_ownpay_amt").asText(), sn + " fulamt_ownpay_amt");
        assertEquals(over, l.get("overlmt_amt").asText(), sn + " overlmt_amt");
        assertEquals(pre, l.get("preselfpay_amt").asText(), sn + " preselfpay_amt");
        assertEquals(inscp, l.get("inscp_scp_amt").asText(), sn + " inscp_scp_amt");
    }

    /** 101.50 yuan: 71.50 own pay, 2.00 over the limit, 1.80 paid first, 26.20 in scope; the account pays 28.00. */
    static void assertAmounts(JsonNode s, int sign) {
        String m = sign < 0 ? "-" : "";
        assertEquals(m + "101.50", s.get("medfee_sumamt").asText(), s::toString);
        assertEquals(m + "71.50", s.get("fulamt_ownpay_amt").asText());
        assertEquals(m + "2.00", s.get("overlmt_selfpay").asText());
        assertEquals(m + "1.80", s.get("preselfpay_amt").asText());
        assertEquals(m + "26.20", s.get("inscp_scp_amt").asText());
        assertEquals("0.00", s.get("hifp_pay").asText());
        assertEquals("0.00", s.get("fund_pay_sumamt").asText());
        assertEquals(m + "28.00", s.get("acct_pay").asText());
        assertEquals(m + "73.50", s.get("psn_cash_pay").asText());
        assertEquals(m + "101.50", s.get("psn_part_amt").asText());
    }
}

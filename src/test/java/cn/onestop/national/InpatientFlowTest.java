package cn.onestop.national;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static cn.onestop.national.OutpatientFlowTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An inpatient stay as a billing system drives it: 2401 → 2301 → 2303 → 2402 → 2304 → 2305, with the
 * amounts of the employee plan at a grade-3A hospital (first admission: 600.00 deductible, 85% of the
 * rest from the pool, the in-policy remainder from the account), a withdrawn detail (2302) on the way,
 * and the accumulators moved by the settlement and restored by its cancellation.
 */
class InpatientFlowTest {
    static final String WANG = "150100000002"; // 王丽娟, employee, active, account 1,284.50 yuan
    static final String WANG_VOUCHER = "EV4CBD787F6C813EBE";
    static NationalFixture f;
    static His his;

    @BeforeAll
    static void start() throws Exception {
        f = new NationalFixture("national_inpatient");
        his = new His(NationalFixture.HOSPITAL, f.gateway.nationalPort(), f.pki, null, true); // client certificate
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aStayIsAdmittedBilledDischargedSettledAndCancelledToTheFen() throws Exception {
        JsonNode adm = ok(his.call("2401", "{\"mdtrtinfo\":{\"psn_no\":\"" + WANG + "\",\"insutype\":\"310\","
                + "\"coner_name\":\"\",\"tel\":\"\",\"begntime\":\"2026-11-20 08:00:00\",\"mdtrt_cert_type\":\"01\","
                + "\"mdtrt_cert_no\":\"" + WANG_VOUCHER + "\",\"med_type\":\"21\",\"ipt_no\":\"ZY2026112001\","
                + "\"medrcdno\":\"\",\"atddr_no\":\"D007\",\"chfpdr_name\":\"王主任\",\"adm_diag_dscr\":\"肺炎\","
                + "\"adm_dept_codg\":\"A03\",\"adm_dept_name\":\"呼吸内科\",\"adm_bed\":\"12\",\"dscg_maindiag_code\":\"\","
                + "\"dscg_maindiag_name\":\"\",\"main_cond_dscr\":\"\",\"dise_codg\":\"J18.900\",\"dise_name\":\"肺炎\","
                + "\"oprn_oprt_code\":\"\",\"oprn_oprt_name\":\"\",\"fpsc_no\":\"\",\"matn_type\":\"\","
                + "\"birctrl_type\":\"\",\"latechb_flag\":\"\",\"geso_val\":\"\",\"fetts\":\"\",\"fetus_cnt\":\"\","
                + "\"pret_flag\":\"\",\"birctrl_matn_date\":\"\",\"dise_type_code\":\"\"},\"diseinfo\":[{\"psn_no\":\""
                + WANG + "\",\"diag_type\":\"1\",\"maindiag_flag\":\"1\",\"diag_srt_no\":\"1\",\"diag_code\":\"J18.900\","
                + "\"diag_name\":\"肺炎\",\"adm_cond\":\"\",\"diag_dept\":\"呼吸内科\",\"dise_dor_no\":\"D007\","
                + "\"dise_dor_name\":\"王主任\",\"diag_time\":\"2026-11-20 08:10:00\"}]}"));
        String mdtrt = adm.at("/result/mdtrt_id").asText();
        assertEquals("ZY2026112001", adm.at("/result/ipt_otp_no").asText());

        // bed 25.00 a day × 8 at its catalog limit; ceftriaxone (甲类) 35.00 × 100 ; a detail sent by mistake
        JsonNode up = ok(his.call("2301", "{\"feedetail\":[" + fee("Z1", mdtrt, "001103000010000", "25.00", "8", "200.00")
                + "," + fee("Z2", mdtrt, "XJ01DDA100B001010500096", "35.00", "100", "3500.00") + ","
                + fee("Z3", mdtrt, "XA11HAA139A010010102641", "25.50", "2", "51.00") + "]}"));
        assertEquals("01", up.at("/result/0/chrgitm_lv").asText());
        assertEquals("200.00", up.at("/result/0/inscp_scp_amt").asText());
        assertEquals("3500.00", up.at("/result/1/inscp_scp_amt").asText());
        assertEquals("51.00", up.at("/result/2/fulamt_ownpay_amt").asText());
        ok(his.call("2302", "{\"data\":[{\"feedetl_sn\":\"Z3\",\"mdtrt_id\":\"" + mdtrt + "\",\"psn_no\":\"" + WANG
                + "\"}]}"));

        String settle = "{\"data\":{\"psn_no\":\"" + WANG + "\",\"mdtrt_cert_type\":\"01\",\"mdtrt_cert_no\":\""
                + WANG_VOUCHER + "\",\"medfee_sumamt\":\"3700.00\",\"psn_setlway\":\"01\",\"mdtrt_id\":\"" + mdtrt
                + "\",\"insutype\":\"310\",\"mid_setl_flag\":\"0\",\"acct_used_flag\":\"1\",\"invono\":\"\","
                + "\"fulamt_ownpay_amt\":\"\",\"overlmt_selfpay\":\"\",\"preselfpay_amt\":\"\",\"inscp_scp_amt\":\"\"}}";
        JsonNode pre = ok(his.call("2303", settle));
        assertStay(pre.get("setlinfo"), 1);

        ok(his.call("2402", "{\"dscginfo\":{\"mdtrt_id\":\"" + mdtrt + "\",\"psn_no\":\"" + WANG + "\",\"insutype\":"
                + "\"310\",\"endtime\":\"2026-11-28 10:00:00\",\"dise_codg\":\"J18.900\",\"dise_name\":\"肺炎\","
                + "\"oprn_oprt_code\":\"\",\"oprn_oprt_name\":\"\",\"fpsc_no\":\"\",\"matn_type\":\"\","
                + "\"birctrl_type\":\"\",\"latechb_flag\":\"\",\"geso_val\":\"\",\"fetts\":\"\",\"fetus_cnt\":\"\","
                + "\"pret_flag\":\"\",\"birctrl_matn_date\":\"\",\"cop_flag\":\"\",\"dscg_dept_codg\":\"A03\","
                + "\"dscg_dept_name\":\"呼吸内科\",\"dscg_bed\":\"12\",\"dscg_way\":\"1\",\"die_date\":\"\"},"
                + "\"diseinfo\":[]}"));

        long admissions = f.one("SELECT admissions FROM accumulators WHERE person_id = ? AND year = 2026", WANG);
        JsonNode done = ok(his.call("2304", settle));
        JsonNode s = done.get("setlinfo");
        assertStay(s, 1);
        assertEquals("219.50", s.get("balc").asText());
        assertEquals("21", s.get("med_type").asText());
        assertEquals("21", s.get("clr_type").asText());
        assertEquals(21_950, f.balance(WANG));
        assertEquals(Math.max(0, admissions) + 1, f.one("SELECT admissions FROM accumulators WHERE person_id = ? "
                + "AND year = 2026", WANG));
        assertEquals(310_000 + 60_000, f.one("SELECT inpatient_inscp FROM accumulators WHERE person_id = ? "
                + "AND year = 2026", WANG));
        assertEquals(263_500, f.one("SELECT pool_paid FROM accumulators WHERE person_id = ? AND year = 2026", WANG));
        JsonNode pool = done.get("setldetail").get(0);
        assertEquals("310100", pool.get("fund_pay_type").asText());
        assertEquals("2635.00", pool.get("fund_payamt").asText());
        assertEquals("职工基本医疗保险统筹基金", pool.get("fund_pay_type_name").asText());

        JsonNode cancel = ok(his.call("2305", "{\"data\":{\"mdtrt_id\":\"" + mdtrt + "\",\"setl_id\":\""
                + s.get("setl_id").asText() + "\",\"psn_no\":\"" + WANG + "\"}}"));
        assertStay(cancel.get("setlinfo"), -1);
        assertEquals(128_450, f.balance(WANG));
        assertEquals(0, f.one("SELECT pool_paid FROM accumulators WHERE person_id = ? AND year = 2026", WANG));
        assertEquals(0, f.one("SELECT inpatient_inscp FROM accumulators WHERE person_id = ? AND year = 2026", WANG));
    }

    static String fee(String sn, String mdtrt, String code, String pric, String cnt, String sum) {
        return OutpatientFlowTest.fee(sn, mdtrt, code, pric, cnt, sum).replace(OutpatientFlowTest.ZHANG, WANG);
    }

    /**
     * 3,700.00 yuan all in scope; deductible 600.00; the pool 85% of 3,100.00 = 2,635.00; the account the
     * rest of the in-policy burden, 1,065.00; no cash.
     */
    static void assertStay(JsonNode s, int sign) {
        String m = sign < 0 ? "-" : "";
        assertEquals(m + "3700.00", s.get("medfee_sumamt").asText(), s::toString);
        assertEquals(m + "3700.00", s.get("inscp_scp_amt").asText());
        assertEquals(m + "600.00", s.get("act_pay_dedc").asText());
        assertEquals(m + "2635.00", s.get("hifp_pay").asText());
        assertEquals(m + "2635.00", s.get("fund_pay_sumamt").asText());
        assertEquals(m + "1065.00", s.get("acct_pay").asText());
        assertEquals("0.00", s.get("psn_cash_pay").asText());
    }
}

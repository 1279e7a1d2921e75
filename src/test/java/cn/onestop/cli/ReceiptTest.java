package cn.onestop.cli;

import cn.onestop.api.v1.SettleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A settlement read as a receipt: funds by national name and code, yuan, the patient's part, the why. */
class ReceiptTest {
    static SettleResponse first() throws Exception {
        try (InputStream in = ReceiptTest.class.getClassLoader().getResourceAsStream("legacy/exchanges-0.1.json")) {
            JsonNode n = new ObjectMapper().readTree(in).get(0).get("response");
            SettleResponse.Builder b = SettleResponse.newBuilder();
            JsonFormat.parser().merge(n.toString(), b);
            return b.build();
        }
    }

    @Test
    void yuanAreExactWithTwoDecimals() {
        assertEquals("16,167.00", Receipt.yuan(1_616_700));
        assertEquals("0.05", Receipt.yuan(5));
        assertEquals("92,233,720,368,547,758.07", Receipt.yuan(Long.MAX_VALUE));
        assertEquals("85%", Receipt.percent(8_500));
        assertEquals("92.5%", Receipt.percent(9_250));
    }

    @Test
    void theChineseReceiptNamesEveryFundAndThePatientsPartAndEveryAssumedParameter() throws Exception {
        String r = new Receipt(new Labels(Labels.Lang.ZH)).settled(first());
        assertTrue(r.contains("职工基本医疗保险统筹基金 310100"), r);
        assertTrue(r.matches("(?s).*基金支付合计 fund_pay_sumamt\\s+16,167\\.00.*"), r);
        assertTrue(r.matches("(?s).*个人账户支付\\s+3,000\\.00.*"), r);
        assertTrue(r.matches("(?s).*现金支付\\s+2,083\\.00.*"), r);
        assertTrue(r.matches("(?s).*医疗费总额 medfee_sumamt\\s+21,250\\.00.*"), r);
        assertTrue(r.contains("16,167.00      19,020.00      85%     205,000.00  E §22; E §19   hifp_pay"), r);
        assertTrue(r.contains("medical_assistance.rural_income = 2122100   [assumed]"), r);
        assertTrue(!r.contains("职工个人账户 310200"), "the account is the patient's part, not a fund line: " + r);
    }

    @Test
    void theEnglishReceiptSaysTheSame() throws Exception {
        String r = new Receipt(new Labels(Labels.Lang.EN)).settled(first());
        assertTrue(r.contains("employee basic pool 310100"), r);
        assertTrue(r.matches("(?s).*in cash\\s+2,083\\.00.*"), r);
        assertTrue(r.contains("Assumed parameters (sample numbers, not policy)"), r);
    }

    @Test
    void exitStatusesScriptsCanRelyOn() {
        assertEquals(2, ClientCommand.exitStatus(io.grpc.Status.Code.FAILED_PRECONDITION));
        assertEquals(2, ClientCommand.exitStatus(io.grpc.Status.Code.PERMISSION_DENIED));
        assertEquals(3, ClientCommand.exitStatus(io.grpc.Status.Code.UNAVAILABLE));
        assertEquals(3, ClientCommand.exitStatus(io.grpc.Status.Code.RESOURCE_EXHAUSTED));
        assertEquals(1, ClientCommand.exitStatus(io.grpc.Status.Code.INTERNAL));
    }
}

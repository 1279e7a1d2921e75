package cn.onestop.gateway;

import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.InstitutionMessage;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.Role;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.SettleCommand;
import cn.onestop.settle.Settled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.onestop.gateway.GatewayFixture.HOSPITAL_3A;
import static cn.onestop.gateway.GatewayFixture.p01;
import static cn.onestop.gateway.Hostile.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Institution codes and message ids: in their one form at the edge (anything else refused, never
 * normalised) and compared byte for byte by the ledger. Each case was found by a probe: message id
 * {@code P4-SAME-1} collided with {@code p4-same-1} and {@code "p4-same-1 "}; codes {@code
 * h15010500001} and {@code "H15010500001 "} settled and were stored as written.
 */
class ExactKeysTest {
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture("exact_keys", cfg -> cfg, true);
        for (String id : List.of("K1", "K2", "K3", "K4")) {
            f.person(id, "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void anInstitutionCodeInAnyOtherFormIsRefusedAndNothingIsStored() throws Exception {
        Map<String, Long> before = Hostile.counts(f);
        for (String code : List.of("h15010500001", "H15010500001 ", " H15010500001", "H1501050000１", "H150105000011",
                "H1501050000", "HH5010500001", "H15010500001\u0000", "H15010500001\n", "")) {
            invalid("institution_code", () -> f.settlement.settle(p01("K1", "code-" + code.hashCode())
                    .setInstitutionCode(code).build()));
            invalid("institution_code", () -> f.settlement.preSettle(p01("K1", "").setInstitutionCode(code).build()));
            invalid("institution_code", () -> f.settlement.reverse(ReverseRequest.newBuilder().setInstitutionCode(code)
                    .setMessageId("r-" + code.hashCode()).setOriginalMessageId("any").build()));
            invalid("institution_code", () -> f.settlement.listSettlements(ListSettlementsRequest.newBuilder()
                    .setInstitutionCode(code).setFromDate("2025-01-01").setToDate("2025-12-31").build()));
            invalid("by_message.institution_code", () -> f.settlement.getSettlement(GetSettlementRequest.newBuilder()
                    .setByMessage(InstitutionMessage.newBuilder().setInstitutionCode(code).setMessageId("m")).build()));
        }
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void aMessageIdInAnyOtherFormIsRefused() throws Exception {
        Map<String, Long> before = Hostile.counts(f);
        for (String id : List.of("p4-same-1 ", " p4-same-1", "p4 same 1", "p4-same-1\t", "p4-same-1\u0000", "消息-1",
                "p4/same", "m".repeat(65), "p4-same-１", "p4-same-1\u200b")) {
            invalid("message_id", () -> f.settlement.settle(p01("K1", id).build()));
            invalid("message_id", () -> f.settlement.reverse(ReverseRequest.newBuilder().setInstitutionCode(HOSPITAL_3A)
                    .setMessageId(id).setSettlementId("S1").build()));
            invalid("original_message_id", () -> f.settlement.reverse(ReverseRequest.newBuilder()
                    .setInstitutionCode(HOSPITAL_3A).setMessageId("r-ok").setOriginalMessageId(id).build()));
        }
        invalid("message_id", () -> f.settlement.preSettle(p01("K1", "p4-same-1 ").build()));
        invalid("settlement_id", () -> f.settlement.getSettlement(GetSettlementRequest.newBuilder()
                .setSettlementId("S1 ").build()));
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void messageIdsThatDifferOnlyInCaseAreTwoMessages() throws Exception {
        SettleResponse upper = f.settlement.settle(p01("K2", "P4-SAME-1").build());
        // another bill under the lower-case id: its own message, not MESSAGE_ID_REUSED
        SettleResponse lower = f.settlement.settle(p01("K3", "p4-same-1").build());
        assertFalse(lower.getReplayed());
        assertNotEquals(upper.getRecord().getSettlementId(), lower.getRecord().getSettlementId());
        assertTrue(f.settlement.settle(p01("K2", "P4-SAME-1").build()).getReplayed());
        // a reversal by original message id finds exactly the one it names
        var reversed = f.settlement.reverse(ReverseRequest.newBuilder().setInstitutionCode(HOSPITAL_3A)
                .setMessageId("rev-p4-lower").setOriginalMessageId("p4-same-1").build());
        assertEquals(lower.getRecord().getSettlementId(), reversed.getRecord().getSettlementId());
        assertEquals("K3", reversed.getRecord().getPersonId());
        assertEquals(1, f.count("settlements WHERE status = 'SETTLED' AND message_id = 'P4-SAME-1'"));
    }

    @Test
    void theLedgerComparesKeysByteForByte() throws Exception {
        // below the edge: a use case given keys in another form finds nothing under them
        Caller lowerCaller = new Caller("h15010500001", Role.INSTITUTION, "h15010500001", Set.of(), "t");
        SettleCommand cmd = new SettleCommand("h15010500001", "k-lower", new CredentialRef(1, "EV-K4"), null,
                LocalDate.of(2025, 3, 10), new Visit(VisitType.INPATIENT, Filing.LOCAL, false, 0),
                List.of(ItemLine.of(BillLine.of("a", Category.A, 10_000, 1))), null, null);
        Result<Settled> r = f.gateway.useCases().settle().settle(lowerCaller, cmd, Deadline.after(Duration.ofSeconds(10)));
        assertTrue(r instanceof Result.Failed<Settled> failed && failed.failure().reason() == Reason.INSTITUTION_NOT_FOUND,
                r.toString());
        f.settlement.settle(p01("K4", "K-EXACT").build());
        assertEquals(1, f.count("idempotency_keys WHERE message_id = 'K-EXACT'"));
        assertEquals(0, f.count("idempotency_keys WHERE message_id = 'k-exact'"));
        assertEquals(0, f.count("idempotency_keys WHERE message_id = 'K-EXACT '"));
        assertEquals(0, f.count("settlements WHERE message_id = 'K-EXACT '"));
        assertEquals(0, f.count("settlements WHERE institution_code = 'h15010500001'"));
        assertEquals(0, f.count("institutions WHERE code = 'H15010500001 '"));
        try (Connection c = f.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT table_name, column_name, collation_name "
                     + "FROM information_schema.columns WHERE table_schema = DATABASE() AND ((table_name IN "
                     + "('settlements', 'idempotency_keys', 'reversals') AND column_name IN ('institution_code', "
                     + "'message_id')) OR (table_name = 'institutions' AND column_name = 'code'))")) {
            c.setAutoCommit(true);
            int n = 0;
            while (rs.next()) {
                n++;
                assertEquals("utf8mb4_nopad_bin", rs.getString(3), rs.getString(1) + "." + rs.getString(2));
            }
            assertEquals(7, n);
        }
    }
}

package cn.onestop.gateway;

import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.InstitutionMessage;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.ListSettlementsResponse;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementStatus;
import cn.onestop.api.v1.VisitType;
import cn.onestop.identity.Principal;
import cn.onestop.kernel.Role;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.onestop.gateway.GatewayFixture.line;
import static cn.onestop.gateway.GatewayFixture.p01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settlement API end to end: gRPC over TCP, the ledger, a real MariaDB. */
class SettlementServiceTest {
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture("settlement_service");
        for (String id : List.of("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9")) {
            f.person(id, "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
        }
        f.person("R1", "CHIFENG-RESIDENT", "RESIDENT", false, 0, "2025-06-01");
        f.person("Y1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 1_000_000, null);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void settleSplitsAsTheEngineAndMovesAccumulatorsAndBalance() {
        SettleResponse r = f.settlement.settle(p01("E1", "m-1").build());
        SetlInfo a = r.getRecord().getSettlement().getAmounts();
        assertEquals(2_125_000, a.getMedfeeSumamt());
        assertEquals(1_616_700, a.getHifpPay());
        assertEquals(300_000, a.getAcctPay());
        assertEquals(208_300, a.getPsnCashPay());
        assertEquals(0, a.getBalc());
        assertEquals(SettlementStatus.SETTLED, r.getRecord().getStatus());
        assertEquals("NM-REGION-EMPLOYEE@2023-01-01", r.getRecord().getSettlement().getRuleVersion());
        assertFalse(r.getReplayed());
        PersonInfo p = f.person("E1", 2025);
        assertEquals(1, p.getAccumulatorsOrThrow("admissions"));
        assertEquals(1_616_700, p.getAccumulatorsOrThrow("pool_paid"));
        assertEquals(1_962_000, p.getAccumulatorsOrThrow("inpatient_inscp"));
        assertEquals(0, p.getAccountBalance());
    }

    @Test
    void settleTwiceReturnsFirstResultAndChargesNothingTwice() {
        SettleResponse first = f.settlement.settle(p01("E2", "m-2").build());
        SettleResponse again = f.settlement.settle(p01("E2", "m-2").build());
        assertTrue(again.getReplayed());
        assertEquals(first.getRecord().getSettlementId(), again.getRecord().getSettlementId());
        assertEquals(first.getRecord().getSettlement(), again.getRecord().getSettlement());
        PersonInfo p = f.person("E2", 2025);
        assertEquals(1, p.getAccumulatorsOrThrow("admissions"));
        assertEquals(1_616_700, p.getAccumulatorsOrThrow("pool_paid"));
        assertEquals(0, p.getAccountBalance());
    }

    @Test
    void theSameMessageIdWithOtherContentIsRefused() throws Exception {
        f.settlement.settle(p01("E3", "m-3").build());
        long before = f.count("settlements");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> f.settlement.settle(p01("E3", "m-3").setSettleDate("2025-03-11").build()));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertEquals("MESSAGE_ID_REUSED", GatewayFixture.errorInfo(e).getReason());
        assertEquals(before, f.count("settlements"));
    }

    @Test
    void preSettleComputesFromStoredStateAndWritesNothing() throws Exception {
        long settlements = f.count("settlements");
        PreSettleResponse r = f.settlement.preSettle(p01("E4", "").build());
        assertEquals(1_616_700, r.getSettlement().getAmounts().getHifpPay());
        assertEquals("E4", r.getPersonId());
        assertEquals(settlements, f.count("settlements"));
        assertEquals(300_000, f.person("E4", 2025).getAccountBalance());
        // the same twice: nothing moved in between
        assertEquals(r, f.settlement.preSettle(p01("E4", "").build()));
    }

    @Test
    void aSecondStayUsesTheFirstStaysAccumulators() {
        f.settlement.settle(p01("E5", "m-5a").build());
        SettleResponse second = f.settlement.settle(p01("E5", "m-5b").setSettleDate("2025-04-10").build());
        SetlInfo a = second.getRecord().getSettlement().getAmounts();
        assertEquals(48_000, a.getActPayDedc()); // second admission of the year
        assertEquals(0, a.getAcctPay()); // the first stay emptied the account
    }

    @Test
    void reverseRestoresAccumulatorsAndBalanceAndIsANoOpTheSecondTime() throws Exception {
        SettleResponse s = f.settlement.settle(p01("E6", "m-6").build());
        String id = s.getRecord().getSettlementId();
        ReverseResponse r = f.settlement.reverse(ReverseRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                .setMessageId("rev-6").setSettlementId(id).setReason("wrong patient").build());
        assertFalse(r.getReplayed());
        assertEquals(SettlementStatus.REVERSED, r.getRecord().getStatus());
        assertEquals(300_000, r.getAccountCredit());
        assertEquals(-1_616_700, r.getAccumulatorDeltaOrThrow("pool_paid"));
        PersonInfo p = f.person("E6", 2025);
        assertEquals(0, p.getAccumulatorsOrThrow("pool_paid"));
        assertEquals(0, p.getAccumulatorsOrThrow("admissions"));
        assertEquals(300_000, p.getAccountBalance());

        long reversals = f.count("reversals");
        ReverseResponse sameMessage = f.settlement.reverse(ReverseRequest.newBuilder()
                .setInstitutionCode(GatewayFixture.HOSPITAL_3A).setMessageId("rev-6").setSettlementId(id)
                .setReason("wrong patient").build());
        ReverseResponse otherMessage = f.settlement.reverse(ReverseRequest.newBuilder()
                .setInstitutionCode(GatewayFixture.HOSPITAL_3A).setMessageId("rev-6b").setOriginalMessageId("m-6").build());
        assertTrue(sameMessage.getReplayed());
        assertTrue(otherMessage.getReplayed());
        assertEquals(r.getReversalId(), sameMessage.getReversalId());
        assertEquals(r.getReversalId(), otherMessage.getReversalId());
        assertEquals(reversals, f.count("reversals"));
        assertEquals(300_000, f.person("E6", 2025).getAccountBalance());
        assertEquals(0, f.person("E6", 2025).getAccumulatorsOrThrow("pool_paid"));
    }

    @Test
    void reversingAnotherInstitutionsSettlementIsNotFound() {
        SettleResponse s = f.settlement.settle(p01("E7", "m-7").build());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.as(GatewayFixture.HOSPITAL_L2)
                .reverse(ReverseRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_L2).setMessageId("x")
                        .setSettlementId(s.getRecord().getSettlementId()).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("SETTLEMENT_NOT_FOUND", GatewayFixture.errorInfo(e).getReason());
    }

    @Test
    void badInputIsInvalidArgumentNamingEveryFieldAndWritesNothing() throws Exception {
        long before = f.count("settlements");
        SettleRequest bad = p01("E8", "m-8").setLines(1, line("drugB", Category.B, 480_000, 0))
                .setLines(2, line("bed", Category.BED, -5, 10)).setSettleDate("2025-02-30").build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(bad));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Set.of("settle_date", "lines[1].qty", "lines[2].unit_price"),
                new HashSet<>(GatewayFixture.violatedFields(e)));
        assertFalse(e.getStatus().getDescription().contains("Exception"), e.getStatus().getDescription());
        assertEquals(before, f.count("settlements"));
        assertEquals(300_000, f.person("E8", 2025).getAccountBalance());
    }

    @Test
    void missingCredentialAndMessageIdAreFieldViolations() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> f.settlement.settle(p01("E8", "").clearCredential().build()));
        assertEquals(Set.of("message_id", "credential"), new HashSet<>(GatewayFixture.violatedFields(e)));
    }

    @Test
    void refusalsCarryTheirOwnCodesAndReasons() {
        StatusRuntimeException notEligible = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(
                p01("R1", "r-1").setSettleDate("2025-03-10").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, notEligible.getStatus().getCode());
        assertEquals("NOT_ELIGIBLE", GatewayFixture.errorInfo(notEligible).getReason());

        StatusRuntimeException noVersion = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(
                p01("E9", "e9-1").setSettleDate("2019-05-01").build()));
        assertEquals("NO_RULE_VERSION", GatewayFixture.errorInfo(noVersion).getReason());

        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(
                p01("E9", "e9-2").setVisit(cn.onestop.api.v1.Visit.newBuilder().setType(VisitType.INJURY_OUTPATIENT))
                        .build()));
        assertEquals("RULE_SECTION_MISSING", GatewayFixture.errorInfo(missing).getReason());

        StatusRuntimeException nobody = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(
                p01("NOBODY", "e9-3").build()));
        assertEquals(Status.Code.NOT_FOUND, nobody.getStatus().getCode());
        assertEquals("PERSON_NOT_FOUND", GatewayFixture.errorInfo(nobody).getReason());

        // a principal whose institution is not (or no longer) registered
        f.principal(new Principal("H99999999999", Role.INSTITUTION, "H99999999999", Set.of(), false));
        StatusRuntimeException where = assertThrows(StatusRuntimeException.class, () -> f.as("H99999999999").settle(
                p01("E9", "e9-4").setInstitutionCode("H99999999999").build()));
        assertEquals("INSTITUTION_NOT_FOUND", GatewayFixture.errorInfo(where).getReason());

        StatusRuntimeException mismatch = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(
                p01("E9", "e9-5").setPersonId("E1").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, mismatch.getStatus().getCode());
        assertEquals("CREDENTIAL_MISMATCH", GatewayFixture.errorInfo(mismatch).getReason());
        assertEquals(300_000, f.person("E9", 2025).getAccountBalance());
    }

    @Test
    void settlementsAreFoundByIdByMessageAndListedInPages() {
        for (int i = 0; i < 5; i++) {
            f.as(GatewayFixture.HOSPITAL_L2).settle(p01("E9", "list-" + i).setInstitutionCode(GatewayFixture.HOSPITAL_L2)
                    .setSettleDate("2025-07-0" + (i + 1)).build());
        }
        var l2 = f.as(GatewayFixture.HOSPITAL_L2);
        var byMessage = l2.getSettlement(GetSettlementRequest.newBuilder().setByMessage(
                InstitutionMessage.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_L2).setMessageId("list-2"))
                .build());
        assertEquals("2025-07-03", byMessage.getSettlement().getSettleDate());
        assertEquals(byMessage, l2.getSettlement(GetSettlementRequest.newBuilder()
                .setSettlementId(byMessage.getSettlementId()).build()));

        ListSettlementsRequest.Builder q = ListSettlementsRequest.newBuilder()
                .setInstitutionCode(GatewayFixture.HOSPITAL_L2).setFromDate("2025-07-02").setToDate("2025-07-05")
                .setPageSize(3);
        ListSettlementsResponse page1 = l2.listSettlements(q.build());
        assertEquals(List.of("2025-07-05", "2025-07-04", "2025-07-03"),
                page1.getRecordsList().stream().map(r -> r.getSettlement().getSettleDate()).toList());
        ListSettlementsResponse page2 = l2.listSettlements(q.setPageToken(page1.getNextPageToken()).build());
        assertEquals(List.of("2025-07-02"),
                page2.getRecordsList().stream().map(r -> r.getSettlement().getSettleDate()).toList());
        assertTrue(page2.getNextPageToken().isEmpty());
    }

    @Test
    void theFirstSettlementOfANewYearStartsFromZeroAndTheBalanceCarriesOver() {
        SettleResponse december = f.settlement.settle(p01("Y1", "y-1").setSettleDate("2025-12-31").build());
        SettleResponse january = f.settlement.settle(p01("Y1", "y-2").setSettleDate("2026-01-02").build());
        assertEquals(60_000, december.getRecord().getSettlement().getAmounts().getActPayDedc());
        assertEquals(60_000, january.getRecord().getSettlement().getAmounts().getActPayDedc()); // first of 2026
        assertEquals(453_300, december.getRecord().getSettlement().getAmounts().getAcctPay());
        assertEquals(453_300, january.getRecord().getSettlement().getAmounts().getAcctPay());
        assertEquals(93_400, january.getRecord().getSettlement().getAmounts().getBalc());
        PersonInfo y2025 = f.person("Y1", 2025);
        PersonInfo y2026 = f.person("Y1", 2026);
        assertEquals(1, y2025.getAccumulatorsOrThrow("admissions"));
        assertEquals(1, y2026.getAccumulatorsOrThrow("admissions"));
        assertEquals(1_616_700, y2026.getAccumulatorsOrThrow("pool_paid"));
        assertEquals(93_400, y2026.getAccountBalance());
    }

    @Test
    void anUnknownSettlementIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.getSettlement(
                GetSettlementRequest.newBuilder().setSettlementId("S-nope").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }
}

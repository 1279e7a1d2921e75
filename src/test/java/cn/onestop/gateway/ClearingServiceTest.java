package cn.onestop.gateway;

import cn.onestop.api.v1.ClearingApplicationRef;
import cn.onestop.api.v1.ApplyClearingRequest;
import cn.onestop.kernel.Role;
import cn.onestop.identity.Principal;
import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.CentreTotal;
import cn.onestop.api.v1.ClearingPage;
import cn.onestop.api.v1.ClearingServiceGrpc;
import cn.onestop.api.v1.CloseDayRequest;
import cn.onestop.api.v1.DayClose;
import cn.onestop.api.v1.DetailReconciliation;
import cn.onestop.api.v1.ListClearingRequest;
import cn.onestop.api.v1.ReconcileDetailRequest;
import cn.onestop.api.v1.ReconcileTotalsRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.SharingEstimate;
import cn.onestop.api.v1.SharingRequest;
import cn.onestop.api.v1.Statement;
import cn.onestop.api.v1.StatementRequest;
import cn.onestop.api.v1.TotalsReconciliation;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.clearing.MutableClock;
import cn.onestop.clearing.Yuan;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.db.TestRows;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clearing API over gRPC on a running gateway: its mapping, its statuses, and bad input that writes nothing. */
class ClearingServiceTest {
    static final String HOHHOT = "H15010500001";
    static Database db;
    static Gateway gateway;
    static ManagedChannel channel;
    /** As the Hohhot hospital, a clearing node of the region-level plan's region, of Chifeng, the centre, an auditor. */
    static ClearingServiceGrpc.ClearingServiceBlockingStub clearing;
    static ClearingServiceGrpc.ClearingServiceBlockingStub regionNode;
    static ClearingServiceGrpc.ClearingServiceBlockingStub chifengNode;
    static ClearingServiceGrpc.ClearingServiceBlockingStub centre;
    static ClearingServiceGrpc.ClearingServiceBlockingStub auditor;
    static final MutableClock clock = new MutableClock(MutableClock.at("2025-06-02T10:00:00"));
    static SettleResponse local;
    static SettleResponse beijing;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.fresh("clearing_api");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, HOHHOT, 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, "H11010500001", 3, "A", "HOSPITAL", false, false, true);
            TestRows.enrol(c, "E1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 50_000, null);
        }
        gateway = Gateway.start(db, ServerConfig.defaults().withPort(0).withSamples(false)
                .withRulesPoll(Duration.ofMillis(200)), ClearingConfig.defaults(), clock,
                io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forPort(0));
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
        clearing = as(new Principal(HOHHOT, Role.INSTITUTION, HOHHOT, Set.of(), false));
        regionNode = as(new Principal("node-159900", Role.CLEARING, null, Set.of("159900"), false));
        chifengNode = as(new Principal("node-150400", Role.CLEARING, null, Set.of("150400"), false));
        centre = as(new Principal("centre", Role.CENTRE_ADMIN, null, Set.of(), false));
        auditor = as(new Principal("auditor", Role.AUDITOR, null, Set.of(), false));
        var settlement = SettlementServiceGrpc.newBlockingStub(channel);
        local = settlement.withCallCredentials(GatewayFixture.bearer(GatewayFixture.tokenOf(gateway,
                new Principal(HOHHOT, Role.INSTITUTION, HOHHOT, Set.of(), false)))).settle(stay(HOHHOT, "g1"));
        beijing = settlement.withCallCredentials(GatewayFixture.bearer(GatewayFixture.tokenOf(gateway,
                new Principal("H11010500001", Role.INSTITUTION, "H11010500001", Set.of(), false))))
                .settle(stay("H11010500001", "g2"));
        clock.set("2025-07-01T00:05:00");
    }

    static ClearingServiceGrpc.ClearingServiceBlockingStub as(Principal p) {
        return ClearingServiceGrpc.newBlockingStub(channel).withCallCredentials(GatewayFixture.bearer(
                GatewayFixture.tokenOf(gateway, p)));
    }

    static SettleRequest stay(String institution, String message) {
        return SettleRequest.newBuilder().setInstitutionCode(institution).setMessageId(message)
                .setCredential(GatewayFixture.voucher("E1")).setSettleDate("2025-06-02")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true))
                .addLines(BillLine.newBuilder().setId("a").setCategory(Category.A).setUnitPrice(300_000).setQty(1))
                .build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        gateway.close();
        db.close();
    }

    static StatusRuntimeException refused(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    @Test
    void theSettlementRecordCarriesItsClearingFields() {
        assertEquals("159900", local.getRecord().getInsuplcAdmdvs());
        assertEquals("LOCAL", local.getRecord().getClrCategory());
        assertEquals("21", local.getRecord().getClrType());
        assertEquals("310", local.getRecord().getInsutype());
        assertEquals("CROSS_PROVINCE", beijing.getRecord().getClrCategory());
        assertEquals("110100", beijing.getRecord().getMdtrtareaAdmvs());
    }

    @Test
    void aDayClosesAndTheMonthsStatementComesWithItsCsv() {
        DayClose d = clearing.closeDay(CloseDayRequest.newBuilder().setInstitutionCode(HOHHOT).setDay("2025-06-02")
                .build());
        assertEquals(1, d.getSettlements());
        assertEquals(local.getRecord().getSettlement().getAmounts().getMedfeeSumamt(),
                d.getGroups(0).getMedfeeSumamt());
        StatusRuntimeException open = refused(() -> clearing.closeDay(CloseDayRequest.newBuilder()
                .setInstitutionCode(HOHHOT).setDay("2025-07-01").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, open.getStatus().getCode());
        assertEquals("DAY_NOT_OVER", GatewayFixture.errorInfo(open).getReason());
        Statement st = clearing.getStatement(StatementRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setSetlym("202506").build());
        long pool = local.getRecord().getSettlement().getAmounts().getHifpPay();
        assertEquals(pool - cn.onestop.engine.Money.pay(pool, 9000), st.getWithheld());
        assertTrue(st.getCsv().contains(",ADVANCED,"), st.getCsv());
    }

    @Test
    void badTotalsAreInvalidArgumentNamingTheFieldAndWriteNothing() throws Exception {
        long before = count("totals_reconciliations");
        StatusRuntimeException e = refused(() -> clearing.reconcileTotals(ReconcileTotalsRequest.newBuilder()
                .setInstitutionCode(HOHHOT).setStmtBegndate("2025-06-30").setStmtEnddate("2025-06-01").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(List.of("stmt_enddate"), GatewayFixture.violatedFields(e));
        e = refused(() -> clearing.reconcileTotals(ReconcileTotalsRequest.newBuilder().setInstitutionCode("")
                .setStmtBegndate("2025-06-01").setStmtEnddate("2025-06-30").build()));
        assertEquals(List.of("institution_code"), GatewayFixture.violatedFields(e));
        e = refused(() -> clearing.reconcileTotals(ReconcileTotalsRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setStmtBegndate("2025-06-01").setStmtEnddate("2025-06-30")
                .addRows(CentreTotal.newBuilder().setInsutype("320").setClrType("21").setClrCategory("LOCAL")).build()));
        assertEquals(List.of("rows[0].insutype"), GatewayFixture.violatedFields(e));
        assertEquals(before, count("totals_reconciliations"));
        TotalsReconciliation ok = clearing.reconcileTotals(ReconcileTotalsRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setStmtBegndate("2025-06-01").setStmtEnddate("2025-06-30").build());
        assertEquals("1", ok.getRows(0).getStmtRslt(), "the centre has nothing, the ledger one stay");
        assertEquals(before + 1, count("totals_reconciliations"));
    }

    static ReconcileDetailRequest detail(String file) {
        return ReconcileDetailRequest.newBuilder().setInstitutionCode(HOHHOT).setStmtBegndate("2025-06-01")
                .setStmtEnddate("2025-06-30").setFile(ByteString.copyFrom(file, StandardCharsets.UTF_8)).build();
    }

    @Test
    void aBadDetailFileNamesEveryBadLine() {
        var a = local.getRecord().getSettlement().getAmounts();
        String good = String.join("\t", local.getRecord().getSettlementId(), local.getRecord().getSettlementId(), "E1",
                Yuan.format(a.getMedfeeSumamt()), Yuan.format(a.getFundPaySumamt()), Yuan.format(a.getAcctPay()), "0");
        DetailReconciliation d = clearing.reconcileDetail(detail(good + "\n"));
        assertTrue(d.getBalanced());
        assertEquals(1, d.getMatched());
        StatusRuntimeException e = refused(() -> clearing.reconcileDetail(detail(
                "S1\tS1\tE1\tabc\t1.00\t0.00\t0\n"
                        + "S2\tS2\tE1\t1.00\t1.234\t0.00\t0\n"
                        + "S3\tS3\tE1\t1.00\n"
                        + "S4\tS4\tE1\t1.00\t1.00\t0.00\t2\n")));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(List.of("line[1].medfee_sumamt", "line[2].fund_pay_sumamt", "line[3]", "line[4].refd_setl_flag"),
                GatewayFixture.violatedFields(e));
        assertTrue(e.getStatus().getDescription().contains("has more than two decimals")
                || e.getStatus().getDescription().contains("not an amount"), e.getStatus().getDescription());
    }

    @Test
    void aClearingNodeSeesItsRegionsCasesAndNoOthers() {
        ClearingPage p = regionNode.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("159900").setSetlym("202506").build());
        assertEquals(1, p.getTotal());
        assertEquals(beijing.getRecord().getSettlementId(), p.getRows(0).getSetlId());
        assertTrue(p.getRows(0).getFundsCount() > 0);
        StatusRuntimeException e = refused(() -> chifengNode.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("159900").setSetlym("202506").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("REGION_NOT_SERVED", GatewayFixture.errorInfo(e).getReason());
        e = refused(() -> regionNode.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("15990").setSetlym("202506").build()));
        assertEquals(List.of("insuplc_admdvs"), GatewayFixture.violatedFields(e));
        e = refused(() -> regionNode.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("990100").setSetlym("202506").build()));
        assertEquals(List.of("insuplc_admdvs"), GatewayFixture.violatedFields(e));
        assertTrue(e.getStatus().getDescription().contains("unknown region 990100"));
        e = refused(() -> regionNode.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("159900").setSetlym("2025-13").build()));
        assertEquals(List.of("setlym"), GatewayFixture.violatedFields(e));
    }

    @Test
    void whoMayDoWhatIsTheCallersIdentity() throws Exception {
        // a hospital does not read a region's extract; a node does not close a hospital's day
        StatusRuntimeException e = refused(() -> clearing.listClearing(ListClearingRequest.newBuilder()
                .setInsuplcAdmdvs("159900").setSetlym("202506").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("ROLE_NOT_PERMITTED", GatewayFixture.errorInfo(e).getReason());
        e = refused(() -> regionNode.closeDay(CloseDayRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setDay("2025-06-03").build()));
        assertEquals("ROLE_NOT_PERMITTED", GatewayFixture.errorInfo(e).getReason());
        // one hospital acts only under its own code
        long closes = count("day_closes");
        e = refused(() -> clearing.closeDay(CloseDayRequest.newBuilder().setInstitutionCode("H11010500001")
                .setDay("2025-06-02").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("INSTITUTION_MISMATCH", GatewayFixture.errorInfo(e).getReason());
        e = refused(() -> clearing.getStatement(StatementRequest.newBuilder().setInstitutionCode("H11010500001")
                .setSetlym("202506").build()));
        assertEquals("INSTITUTION_MISMATCH", GatewayFixture.errorInfo(e).getReason());
        assertEquals(closes, count("day_closes"), "a refused close writes nothing");
        // an auditor and the centre read a statement; neither applies for clearing; only the centre accepts
        assertEquals(auditor.getStatement(StatementRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setSetlym("202506").build()).getFundPaySumamt(), centre.getStatement(StatementRequest.newBuilder()
                .setInstitutionCode(HOHHOT).setSetlym("202506").build()).getFundPaySumamt());
        e = refused(() -> centre.applyClearing(ApplyClearingRequest.newBuilder().setInstitutionCode(HOHHOT)
                .setClrType("21").setSetlym("202506").build()));
        assertEquals("ROLE_NOT_PERMITTED", GatewayFixture.errorInfo(e).getReason());
        e = refused(() -> clearing.acceptClearing(ClearingApplicationRef.newBuilder().setApplicationId("A1").build()));
        assertEquals("ROLE_NOT_PERMITTED", GatewayFixture.errorInfo(e).getReason());
        // and with no identity at all, nothing
        e = refused(() -> ClearingServiceGrpc.newBlockingStub(channel).getStatement(StatementRequest.newBuilder()
                .setInstitutionCode(HOHHOT).setSetlym("202506").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void theSharingEstimateIsTheSameFunction() {
        SharingEstimate s = clearing.estimateSharing(SharingRequest.newBuilder().setScheme("dip").setBudget(1_000_000)
                .setActual(1_100_000).setAssessmentBp(8000).setYear(2025).build());
        assertEquals(1_040_000, s.getCentrePays());
        assertEquals(60_000, s.getHospitalBears());
        assertEquals("DIP_SHARED", s.getBand());
        StatusRuntimeException e = refused(() -> clearing.estimateSharing(SharingRequest.newBuilder().setScheme("DIP")
                .setBudget(-1).build()));
        assertEquals(List.of("budget"), GatewayFixture.violatedFields(e));
    }

    static long count(String table) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            c.setAutoCommit(true);
            rs.next();
            return rs.getLong(1);
        }
    }
}

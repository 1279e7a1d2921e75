package cn.onestop.gateway;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.catalog.CatalogImport;
import cn.onestop.catalog.CatalogStore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static cn.onestop.gateway.GatewayFixture.p01;
import static cn.onestop.gateway.GatewayFixture.voucher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bills sent as item codes, classified by the gateway from the treating region's catalog, end to end. */
class CatalogSettlementTest {
    static final String CATALOG = "code,name,kind,category,price_limit,self_ratio_bp,tcm_drug\n"
            + "XL01XCA001B002010100452,利妥昔单抗注射液,DRUG,A,,,false\n"
            + "XC10AAA002A001010100217,阿托伐他汀钙片,DRUG,B,,,false\n"
            + "001103000010000,普通病房床位费(三人间及以上),FACILITY,BED,,,\n"
            + "C03011010000000000001,药物洗脱冠状动脉支架系统,CONSUMABLE,CONSUMABLE,,2000,\n"
            + "XA11HAA003A010010100096,维生素E胶囊,DRUG,SELF,,,false\n"
            + "002102010010000,CT平扫(头颅),SERVICE,B,15000,,\n";
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture("catalog_settlement");
        for (String id : List.of("C1", "C2", "C3", "C4", "C5", "C6")) {
            f.person(id, "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
        }
        f.person("R1", "CHIFENG-RESIDENT", "RESIDENT", false, 0, "2025-01-01");
        CatalogImport imp = new CatalogImport(new CatalogStore(f.db.dataSource(), Clock.systemUTC()));
        assertTrue(imp.importCatalog("test-2023.csv", new StringReader(CATALOG), List.of("150100"),
                LocalDate.of(2023, 1, 1), null, null).ok());
        // from 2025-04-01 the CT scan's limit drops to 12000
        assertTrue(imp.importCatalog("test-2025.csv", new StringReader(CATALOG.replace("B,15000", "B,12000")),
                List.of("150100"), LocalDate.of(2025, 4, 1), null, null).ok());
        f.gateway.catalogs().refresh();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static BillLine coded(String id, String code, long unitPrice, long qty) {
        return BillLine.newBuilder().setId(id).setItemCode(code).setUnitPrice(unitPrice).setQty(qty).build();
    }

    /** The P01 vector's bill, every line as an item code only. */
    static SettleRequest.Builder codedP01(String personId, String messageId) {
        return SettleRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A).setMessageId(messageId)
                .setCredential(voucher(personId)).setSettleDate("2025-03-10")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true))
                .addLines(coded("drugA", "XL01XCA001B002010100452", 1_250_000, 1))
                .addLines(coded("drugB", "xc10aaa002a001010100217", 480_000, 1))
                .addLines(coded("bed", "001103000010000", 6_000, 10))
                .addLines(coded("stent", "C03011010000000000001", 300_000, 1))
                .addLines(coded("vitamins", "XA11HAA003A010010100096", 35_000, 1));
    }

    @Test
    void aCodedBillSettlesExactlyAsTheSameBillWithCategories() throws Exception {
        Settlement explicit = f.settlement.preSettle(p01("C1", "x").build()).getSettlement();
        PreSettleResponse pre = f.settlement.preSettle(codedP01("C1", "c-1").build());
        SettleResponse settled = f.settlement.settle(codedP01("C1", "c-1").build());
        Settlement s = settled.getRecord().getSettlement();
        assertEquals(explicit.getAmounts(), s.getAmounts());
        assertEquals(2_125_000, s.getAmounts().getMedfeeSumamt());
        assertEquals(1_616_700, s.getAmounts().getHifpPay());
        assertEquals(explicit.getFundsList(), s.getFundsList());
        assertEquals("150100@2023-01-01", s.getCatalogVersion());
        assertEquals("", explicit.getCatalogVersion());
        assertEquals(List.of(), s.getWarningsList());
        assertEquals(pre.getSettlement(), s, "PreSettle and Settle classify alike");
        // as stored
        assertEquals(s, f.settlement.getSettlement(GetSettlementRequest.newBuilder()
                .setSettlementId(settled.getRecord().getSettlementId()).build()).getSettlement());
        // the stored engine input holds the classified lines
        try (Connection c = f.db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT engine_input FROM settlements WHERE settlement_id = '" + settled.getRecord().getSettlementId()
                        + "'")) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            String input = rs.getString(1);
            assertTrue(input.contains("\"id\":\"stent\",\"category\":\"CONSUMABLE\""), input);
            assertTrue(input.contains("\"self_ratio_bp\":2000"), input);
        }
    }

    @Test
    void unknownCodesAreOwnPayWithWarningsAndAnExplicitCategoryYieldsToTheCatalog() {
        SettleRequest req = SettleRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                .setMessageId("c-2").setCredential(voucher("C2")).setSettleDate("2025-03-10")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT))
                .addLines(coded("l1", "XL01XCA001B002010100452", 1_000_000, 1))
                .addLines(coded("l2", "X-NOT-IN-CATALOG", 20_000, 2))
                .addLines(BillLine.newBuilder().setId("l3").setItemCode("XC10AAA002A001010100217")
                        .setCategory(Category.A).setUnitPrice(100_000).setQty(1))
                .addLines(coded("l4", "x-not-in-catalog", 5_000, 1))
                .addLines(BillLine.newBuilder().setId("l5").setCategory(Category.A).setUnitPrice(10_000).setQty(1))
                .build();
        PreSettleResponse pre = f.settlement.preSettle(req);
        Settlement s = f.settlement.settle(req).getRecord().getSettlement();
        assertEquals(pre.getSettlement(), s);
        assertEquals(List.of("UNKNOWN_ITEM_CODE:X-NOT-IN-CATALOG", "CATEGORY_FROM_CATALOG:l3"), s.getWarningsList());
        SetlInfo a = s.getAmounts();
        assertEquals(1_000_000 + 40_000 + 100_000 + 5_000 + 10_000, a.getMedfeeSumamt());
        assertEquals(45_000, a.getFulamtOwnpayAmt());
        assertEquals(10_000, a.getPreselfpayAmt(), "l3 is B in the catalog: 10% paid first");
        assertEquals(1_100_000, a.getInscpScpAmt());
    }

    @Test
    void theCatalogVersionInForceOnTheSettleDateClassifies() {
        long before = overLimit("C3", "c-3", "2025-03-31");
        long after = overLimit("C4", "c-4", "2025-04-01");
        assertEquals(2 * (18_000 - 15_000), before);
        assertEquals(2 * (18_000 - 12_000), after);
    }

    private long overLimit(String person, String messageId, String date) {
        Settlement s = f.settlement.settle(SettleRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                .setMessageId(messageId).setCredential(voucher(person)).setSettleDate(date)
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT))
                .addLines(coded("ct", "002102010010000", 18_000, 2)).build()).getRecord().getSettlement();
        assertEquals(date.startsWith("2025-03") ? "150100@2023-01-01" : "150100@2025-04-01", s.getCatalogVersion());
        return s.getAmounts().getOverlmtSelfpay();
    }

    @Test
    void thePatientsOwnRegionDoesNotMatterTheTreatingRegionsCatalogDoes() {
        // a Chifeng resident treated in Hohhot: the Hohhot catalog classifies (就医地目录)
        SettleRequest.Builder b = codedP01("R1", "c-5").setSettleDate("2025-05-10");
        Settlement s = f.settlement.preSettle(b.build()).getSettlement();
        assertEquals("150100@2025-04-01", s.getCatalogVersion());
        assertEquals(35_000, s.getAmounts().getFulamtOwnpayAmt());
    }

    @Test
    void aCodedBillWhereNoCatalogIsInForceIsRefusedButCategoriesStillSettle() {
        // Wuhai (150300) has no catalog here
        SettleRequest.Builder b = codedP01("C5", "c-6").setInstitutionCode(GatewayFixture.WUHAI_L3);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> f.as(GatewayFixture.WUHAI_L3).settle(b.build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("NO_CATALOG_VERSION", GatewayFixture.errorInfo(e).getReason());
        assertTrue(e.getStatus().getDescription().contains("region 150300"), e.getStatus().getDescription());
        // before 2023 there is no Hohhot catalog either
        assertThrows(StatusRuntimeException.class,
                () -> f.settlement.preSettle(codedP01("C5", "c-7").setSettleDate("2022-12-31").build()));
        Settlement explicit = f.as(GatewayFixture.WUHAI_L3).settle(p01("C5", "c-8")
                .setInstitutionCode(GatewayFixture.WUHAI_L3)
                .build()).getRecord().getSettlement();
        assertEquals("", explicit.getCatalogVersion());
    }

    @Test
    void aLineNeedsACategoryOrAnItemCode() {
        SettleRequest req = SettleRequest.newBuilder().setInstitutionCode(GatewayFixture.HOSPITAL_3A)
                .setMessageId("c-9").setCredential(voucher("C6")).setSettleDate("2025-03-10")
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT))
                .addLines(BillLine.newBuilder().setId("a").setUnitPrice(100).setQty(1))
                .addLines(coded("b", "X".repeat(51), 100, 1))
                .addLines(coded("c", "XA01", 100, 0))
                .build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.settle(req));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(List.of("lines[0].category", "lines[1].item_code", "lines[2].qty"),
                GatewayFixture.violatedFields(e));
    }
}

package cn.onestop.gateway;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static cn.onestop.gateway.GatewayFixture.HOSPITAL_3A;
import static cn.onestop.gateway.GatewayFixture.line;
import static cn.onestop.gateway.GatewayFixture.p01;
import static cn.onestop.gateway.Hostile.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amounts, days, lines and dates beyond the gateway's limits, and sums beyond what the ledger holds,
 * each found by a probe from outside: refused with the field or the reason, never INTERNAL, and
 * nothing written. In process (the transport's message limit is {@link MessageSizeTest}'s).
 */
class BoundsTest {
    static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture("bounds", cfg -> cfg, true);
        for (String id : List.of("B1", "B2", "B3", "B4", "B5", "B6", "O1", "O2", "O3")) {
            f.person(id, "NM-REGION-EMPLOYEE", "ACTIVE", false, 300_000, null);
        }
        CatalogImport imp = new CatalogImport(new CatalogStore(f.db.dataSource(), Clock.systemUTC()));
        assertTrue(imp.importCatalog("bounds.csv", new StringReader("code,name,kind,category,price_limit,"
                + "self_ratio_bp,tcm_drug\nXL01XCA001B002010100452,利妥昔单抗注射液,DRUG,A,,,false\n"),
                List.of("150100"), LocalDate.of(2023, 1, 1), null, null).ok());
        f.gateway.catalogs().refresh();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void aStayOfInt32MaxDaysIsRefusedAndEarnsNoMealAllowance() throws Exception {
        Map<String, Long> before = Hostile.counts(f);
        SettleRequest r = p01("B1", "days-max").setVisit(Visit.newBuilder().setType(VisitType.INPATIENT)
                .setUseAccount(true).setDays(Integer.MAX_VALUE)).build();
        invalid("visit.days", () -> f.settlement.settle(r));
        invalid("visit.days", () -> f.settlement.preSettle(r));
        SettleRequest longest = p01("B1", "days-366").setVisit(Visit.newBuilder().setType(VisitType.INPATIENT)
                .setDays(367)).build();
        invalid("visit.days", () -> f.settlement.settle(longest));
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void aLineAtInt64MaxAndABillBeyondItsTotalAreRefusedNamingTheField() throws Exception {
        Map<String, Long> before = Hostile.counts(f);
        SettleRequest price = p01("B2", "price-max").addLines(line("gold", Category.A, Long.MAX_VALUE, 1)).build();
        invalid("lines[5].unit_price", () -> f.settlement.settle(price));
        SettleRequest overBound = p01("B2", "price-over").addLines(line("dear", Category.A, 200_000_001, 1)).build();
        StatusRuntimeException e1 = invalid("lines[5].unit_price", () -> f.settlement.settle(overBound));
        assertEquals(List.of("lines[5].unit_price"), GatewayFixture.violatedFields(e1));
        SettleRequest qty = p01("B2", "qty-max").addLines(line("many", Category.A, 1, Long.MAX_VALUE)).build();
        invalid("lines[5].qty", () -> f.settlement.settle(qty));
        SettleRequest qtyOver = p01("B2", "qty-over").addLines(line("many", Category.A, 1, 100_001)).build();
        assertEquals(List.of("lines[5].qty"), GatewayFixture.violatedFields(
                invalid("lines[5].qty", () -> f.settlement.settle(qtyOver))));
        // each line within its own bounds (2,000,000.00 yuan), together beyond the bill's (10,000,000.00 yuan)
        SettleRequest.Builder total = p01("B2", "total-max");
        for (int i = 0; i < 5; i++) {
            total.addLines(line("dear-" + i, Category.A, 200_000_000, 1));
        }
        StatusRuntimeException e = invalid("lines", () -> f.settlement.settle(total.build()));
        assertTrue(e.getStatus().getDescription().contains("total"), e.getStatus().getDescription());
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void aBillOfMoreLinesThanTheLimitIsRefusedBeforeAnyWrite() throws Exception {
        // 150,000 lines, 11 MB: pre-settle answered it and settle failed INTERNAL ("Data too long for
        // column 'engine_input'") after its reads; in process nothing bounds the message, the limit does
        SettleRequest.Builder b = p01("B3", "lines-150k").clearLines();
        for (int i = 0; i < 150_000; i++) {
            b.addLines(line("line-" + i, Category.A, 100, 1));
        }
        SettleRequest r = b.build();
        assertTrue(r.getSerializedSize() > 2_000_000, "a big bill: " + r.getSerializedSize());
        Map<String, Long> before = Hostile.counts(f);
        StatusRuntimeException e = invalid("lines", () -> f.settlement.settle(r));
        assertEquals(List.of("lines"), GatewayFixture.violatedFields(e), "the count alone, not 150,000 lines' faults");
        invalid("lines", () -> f.settlement.preSettle(r));
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void theLargestBillTheLimitsAllowSettlesAndIsStoredWhole() throws Exception {
        // 10,000 lines with the longest ids, every one an unknown item code: each code a warning
        SettleRequest.Builder b = p01("B4", "lines-10k").clearLines();
        String pad = "x".repeat(52);
        for (int i = 0; i < 10_000; i++) {
            String code = String.format("ZZ%048d", i);
            b.addLines(BillLine.newBuilder().setId(String.format("%s%012d", pad, i)).setItemCode(code)
                    .setUnitPrice(100).setQty(1));
        }
        SettleResponse r = f.settlement.settle(b.build());
        assertEquals(1_000_000, r.getRecord().getSettlement().getAmounts().getMedfeeSumamt());
        assertEquals(10_000, r.getRecord().getSettlement().getWarningsList().stream()
                .filter(w -> w.startsWith("UNKNOWN_ITEM_CODE:")).count());
        try (Connection c = f.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT LENGTH(engine_input), LENGTH(catalog_warnings) "
                     + "FROM settlements WHERE message_id = 'lines-10k'")) {
            c.setAutoCommit(true);
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) > 1_000_000, "the whole input is kept: " + rs.getLong(1));
            assertTrue(rs.getLong(2) > 65_535, "more warnings than a TEXT column holds: " + rs.getLong(2));
        }
        assertTrue(f.settlement.settle(b.build()).getReplayed());
    }

    @Test
    void datesAreExactlyYyyyMmDdAndInRange() throws Exception {
        Map<String, Long> before = Hostile.counts(f);
        for (String d : List.of("-999999999-01-01", "+02026-03-10", "+999999999-12-31", "2025-3-10", "2025-03-10 ",
                " 2025-03-10", "2025-02-30", "2025-13-01", "20250310", "1999-12-31", "0000-01-01", "9999-12-31",
                LocalDate.now().plusDays(3).toString(), "２０２５-03-10")) {
            invalid("settle_date", () -> f.settlement.settle(p01("B5", "date-" + d.hashCode()).setSettleDate(d).build()));
            invalid("settle_date", () -> f.settlement.preSettle(p01("B5", "").setSettleDate(d).build()));
        }
        assertEquals(before, Hostile.counts(f));
        for (String d : List.of("-999999999-01-01", "+02026-03-10", "1899-12-31", "2025-02-30")) {
            invalid("from_date", () -> f.settlement.listSettlements(list().setFromDate(d).build()));
            invalid("to_date", () -> f.settlement.listSettlements(list().setToDate(d).build()));
        }
        invalid("from_date", () -> f.settlement.listSettlements(list()
                .setFromDate(LocalDate.now().plusDays(5).toString()).setToDate("9999-12-31").build()));
        f.settlement.listSettlements(list().setToDate("9999-12-31").build()); // a late end is harmless
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString("-999999999-01-01|S1"
                .getBytes(StandardCharsets.UTF_8));
        invalid("page_token", () -> f.settlement.listSettlements(list().setPageToken(token).build()));
    }

    private static ListSettlementsRequest.Builder list() {
        return ListSettlementsRequest.newBuilder().setInstitutionCode(HOSPITAL_3A).setFromDate("2025-01-01")
                .setToDate("2025-12-31");
    }

    @Test
    void twoBillsWhoseSumWouldOverflowAnAccumulatorAreRefusedNotInternal() throws Exception {
        // an accumulator already near the top (imported as an opening value): the first stay fits,
        // the second would carry it past int64 — the UPDATE answered "BIGINT value is out of range"
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().executeUpdate("INSERT INTO accumulators (person_id, plan, year, inpatient_inscp) "
                    + "VALUES ('O1', 'NM-REGION-EMPLOYEE', 2025, " + (Long.MAX_VALUE - 3_000_000) + ")");
        }
        f.settlement.settle(p01("O1", "over-1").build());
        Map<String, Long> before = Hostile.counts(f);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                f.settlement.settle(p01("O1", "over-2").build()));
        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals("AMOUNT_OUT_OF_RANGE", GatewayFixture.errorInfo(e).getReason());
        assertTrue(e.getStatus().getDescription().contains("inpatient_inscp"), e.getStatus().getDescription());
        assertEquals(before, Hostile.counts(f));
    }

    @Test
    void aReversalWhoseCreditWouldOverflowTheAccountIsRefusedNotInternal() throws Exception {
        SettleResponse s = f.settlement.settle(p01("O2", "acct-1").build());
        assertEquals(300_000, s.getRecord().getSettlement().getAmounts().getAcctPay());
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().executeUpdate("UPDATE accounts SET balance = " + (Long.MAX_VALUE - 10)
                    + " WHERE person_id = 'O2'");
        }
        Map<String, Long> before = Hostile.counts(f);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> f.settlement.reverse(
                ReverseRequest.newBuilder().setInstitutionCode(HOSPITAL_3A).setMessageId("acct-1-rev")
                        .setSettlementId(s.getRecord().getSettlementId()).build()));
        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals("AMOUNT_OUT_OF_RANGE", GatewayFixture.errorInfo(e).getReason());
        assertEquals(before, Hostile.counts(f));
        assertFalse(e.getStatus().getDescription().contains("SQL"), e.getStatus().getDescription());
    }
}

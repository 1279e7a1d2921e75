package cn.onestop.settle;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.db.TestRows;
import cn.onestop.kernel.Deadline;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A settlement records where its person is insured and where they were treated (POLICY §11), and a
 * cross-region case is split with the insured region's plan and rule version, the treating region's
 * catalog and the visit's filing.
 */
class CrossRegionSettleTest {
    static final String BEIJING = "H11010500001";
    static final String WUHAI = "H15030300001";
    static UseCaseFixture f;
    static final List<String> classifiedIn = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        f = new UseCaseFixture("cross_region_settle");
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            TestRows.institution(c, BEIJING, 3, "A", "HOSPITAL", false, false, true);
            TestRows.institution(c, WUHAI, 3, "A", "HOSPITAL", false, false, true);
            TestRows.enrol(c, "E1", "NM-REGION-EMPLOYEE", "ACTIVE", false, 0, null);
            TestRows.enrol(c, "R1", "CHIFENG-RESIDENT", "RESIDENT", false, 0, "2025-01-01");
            TestRows.enrol(c, "W1", "WUHAI-EMPLOYEE", "ACTIVE", false, 0, null);
        }
        f.catalog = (region, date, lines) -> {
            classifiedIn.add(region);
            return Optional.of(new BillClassifier.Classification(List.of(BillLine.of("x", Category.A, 500_000, 1)),
                    List.of(), region + "@2023-01-01"));
        };
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static SettleCommand stay(String institution, String person, String message, Filing filing,
                                      List<ItemLine> lines) {
        return new SettleCommand(institution, message, UseCaseFixture.voucher(person), null, LocalDate.of(2025, 6, 2),
                new Visit(VisitType.INPATIENT, filing, false, 0), lines, null, null);
    }

    private static cn.onestop.kernel.Caller caller(String institution) {
        return new cn.onestop.kernel.Caller(institution, cn.onestop.kernel.Role.INSTITUTION, institution,
                java.util.Set.of(), "t");
    }

    private static Settled settle(SettleCommand cmd) {
        return f.useCases.settle().settle(caller(cmd.institutionCode()), cmd, Deadline.after(Duration.ofSeconds(10))).value();
    }

    private static List<ItemLine> plain() {
        return List.of(ItemLine.of(BillLine.of("x", Category.A, 500_000, 1)));
    }

    @Test
    void theRegionLevelPlanAtAHohhotHospitalIsLocal() {
        SettlementRecord r = settle(stay(UseCaseFixture.HOSPITAL, "E1", "e1-local", Filing.LOCAL, plain())).record();
        assertEquals("159900", r.clearing().insuredRegion().code());
        assertEquals("150100", r.clearing().treatingRegion().code());
        assertEquals(ClearingCategory.LOCAL, r.clearing().category());
        assertEquals(ClearingType.INPATIENT, r.clearing().type());
        assertEquals(InsuranceType.EMPLOYEE_BASIC, r.clearing().insuranceType());
        assertEquals(r.clearing(), f.useCases.reads().find(UseCaseFixture.AS_HOSPITAL, r.settlementId()).orElseThrow().clearing(), "as stored");
    }

    @Test
    void aChifengResidentInHohhotIsInProvinceSplitWithChifengsRulesAndHohhotsCatalog() {
        List<ItemLine> coded = List.of(ItemLine.coded("x", "XA01", 500_000, 1));
        SettlementRecord r = settle(stay(UseCaseFixture.HOSPITAL, "R1", "r1-hohhot", Filing.LOCAL, coded)).record();
        assertEquals(ClearingCategory.IN_PROVINCE, r.clearing().category());
        assertEquals(InsuranceType.RESIDENT_BASIC, r.clearing().insuranceType());
        assertEquals("150400", r.clearing().insuredRegion().code());
        assertEquals("CHIFENG-RESIDENT@2025-01-01", r.bill().split().ruleVersion(), "the insured region's plan");
        assertEquals(List.of("150100"), classifiedIn, "the treating region's catalog");
        assertEquals("150100@2023-01-01", r.bill().catalogVersion());
    }

    @Test
    void theInsuredPlanDecidesEverywhereAndCrossProvinceTheFilingStillCounts() {
        // W has no inpatient section: its employee is refused in Beijing as at home (the insured plan decides)
        var refused = f.useCases.settle().settle(caller(BEIJING), stay(BEIJING, "W1", "w1-bj", Filing.TEMPORARY_CROSS_PROVINCE,
                plain()), Deadline.after(Duration.ofSeconds(10)));
        assertEquals("RULE_SECTION_MISSING", ((cn.onestop.kernel.Result.Failed<Settled>) refused).failure().reason()
                .name());
        SettlementRecord local = settle(stay(UseCaseFixture.HOSPITAL, "E1", "e1-hohhot", Filing.LOCAL, plain()))
                .record();
        SettlementRecord beijing = settle(stay(BEIJING, "E1", "e1-bj", Filing.TEMPORARY_CROSS_PROVINCE, plain()))
                .record();
        assertEquals(ClearingCategory.CROSS_PROVINCE, beijing.clearing().category());
        assertEquals("110100", beijing.clearing().treatingRegion().code());
        assertEquals(ClearingCategory.IN_PROVINCE,
                settle(stay(WUHAI, "E1", "e1-wuhai", Filing.LOCAL, plain())).record().clearing().category());
        // E §55: the temporary cross-province filing lowers the pool ratio by 5 points
        long poolHere = local.bill().split().amounts().hifpPay();
        long poolThere = beijing.bill().split().amounts().hifpPay();
        assertEquals(true, poolThere < poolHere, poolThere + " < " + poolHere);
    }
}

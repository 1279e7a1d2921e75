package cn.onestop.catalog;

import cn.onestop.request.ItemLine;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SetlInfo;
import cn.onestop.engine.SplitEngine;
import cn.onestop.request.Accumulators;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogClassifierTest {
    static final RuleBook BOOK = RuleFiles.loadBundled();

    static final CatalogItem DRUG_A = item("XA01", ItemKind.DRUG, Category.A, 1_000, BillLine.NO_RATIO, false);
    static final CatalogItem DRUG_B = item("XB01", ItemKind.DRUG, Category.B, 1_000, BillLine.NO_RATIO, false);
    static final CatalogItem FREE_LIMIT = item("XA00", ItemKind.DRUG, Category.A, 0, BillLine.NO_RATIO, false);
    static final CatalogItem HERB = item("T000100", ItemKind.DRUG, Category.A, BillLine.NO_LIMIT, BillLine.NO_RATIO,
            true);
    static final CatalogItem STENT = item("C0301", ItemKind.CONSUMABLE, Category.CONSUMABLE, 40_000, 2_000, false);
    static final CatalogItem SYRINGE = item("C0801", ItemKind.CONSUMABLE, Category.CONSUMABLE, BillLine.NO_LIMIT, 0,
            false);
    static final CatalogItem STRIPS = item("C1001", ItemKind.CONSUMABLE, Category.CONSUMABLE, BillLine.NO_LIMIT,
            10_000, false);
    static final CatalogItem VITAMIN = item("XS01", ItemKind.DRUG, Category.SELF, 500, BillLine.NO_RATIO, false);
    static final CatalogItem BED = item("001103000010000", ItemKind.FACILITY, Category.BED, 5_000, BillLine.NO_RATIO,
            false);
    static final Map<String, CatalogItem> CATALOG = Map.of(DRUG_A.code(), DRUG_A, DRUG_B.code(), DRUG_B,
            FREE_LIMIT.code(), FREE_LIMIT, HERB.code(), HERB, STENT.code(), STENT, SYRINGE.code(), SYRINGE,
            STRIPS.code(), STRIPS, VITAMIN.code(), VITAMIN, BED.code(), BED);

    static CatalogItem item(String code, ItemKind kind, Category c, long limit, int ratio, boolean tcm) {
        return new CatalogItem(code, "item " + code, kind, c, limit, ratio, tcm);
    }

    static CatalogClassifier.Classified classify(ItemLine... lines) {
        return CatalogClassifier.classify(List.of(lines), CATALOG::get);
    }

    /** The split of classified lines: an active employee at a level-2 grade-A hospital, inpatient. */
    static SetlInfo amounts(List<BillLine> lines) {
        Person p = new Person(PersonStatus.ACTIVE, false, false, CrDisabled.NONE, false, List.of(), null, null, null,
                false, 0, null);
        SettlementRequest req = new SettlementRequest("NM-REGION-EMPLOYEE", LocalDate.of(2025, 6, 1), p,
                new Institution(2, Grade.A, InstitutionKind.HOSPITAL, false, false, true),
                new Visit(VisitType.INPATIENT, Filing.LOCAL, false, 0), Accumulators.ZERO, lines);
        return assertInstanceOf(Outcome.Settled.class, SplitEngine.split(req, BOOK)).settlement().amounts();
    }

    static SetlInfo amounts(ItemLine... lines) {
        CatalogClassifier.Classified c = classify(lines);
        assertEquals(List.of(), c.warnings());
        return amounts(c.lines());
    }

    @Test
    void aCodedLineTakesCategoryRatioTcmFlagAndLimitFromTheCatalog() {
        CatalogClassifier.Classified c = classify(ItemLine.coded("l1", "c0301", 50_000, 1),
                ItemLine.coded("l2", " T000100 ", 300, 20), ItemLine.coded("l3", "XB01", 1_200, 3));
        assertEquals(List.of(
                new BillLine("l1", Category.CONSUMABLE, 50_000, 1, 2_000, false, false, 40_000),
                new BillLine("l2", Category.A, 300, 20, BillLine.NO_RATIO, true, false, BillLine.NO_LIMIT),
                new BillLine("l3", Category.B, 1_200, 3, BillLine.NO_RATIO, false, false, 1_000)), c.lines());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void aLineWithoutCodePassesThroughUnchanged() {
        ItemLine explicit = new ItemLine("x", null, Category.CONSUMABLE, 10_000, 2, 1_500, false, true);
        CatalogClassifier.Classified c = CatalogClassifier.classify(List.of(explicit), code -> {
            throw new AssertionError("the catalog is not asked for a line without a code");
        });
        assertEquals(List.of(new BillLine("x", Category.CONSUMABLE, 10_000, 2, 1_500, false, true)), c.lines());
        assertEquals(List.of(), c.warnings());
        assertTrue(!CatalogClassifier.usesCatalog(List.of(explicit)));
    }

    @Test
    void anUnknownCodeIsOwnPayWithOneWarningPerCodeAndTheBillStillSettles() {
        CatalogClassifier.Classified c = classify(ItemLine.coded("l1", "NOPE-1", 8_000, 1),
                ItemLine.coded("l2", "XA01", 1_000, 2), ItemLine.coded("l3", "nope-1", 2_000, 1),
                new ItemLine("l4", "NOPE-2", Category.A, 500, 1, BillLine.NO_RATIO, true, true));
        assertEquals(List.of("UNKNOWN_ITEM_CODE:NOPE-1", "UNKNOWN_ITEM_CODE:NOPE-2"), c.warnings());
        assertEquals(new BillLine("l4", Category.SELF, 500, 1, BillLine.NO_RATIO, false, true), c.lines().get(3));
        SetlInfo a = amounts(c.lines());
        assertEquals(8_000 + 2_000 + 2_000 + 500, a.medfeeSumamt());
        assertEquals(8_000 + 2_000 + 500, a.fulamtOwnpayAmt());
        assertEquals(2_000, a.inscpScpAmt());
    }

    @Test
    void theCatalogDecidesOverAnExplicitCategoryAndSaysSo() {
        CatalogClassifier.Classified c = classify(
                new ItemLine("same", "XA01", Category.A, 900, 1, BillLine.NO_RATIO, false, false),
                new ItemLine("differs", "XB01", Category.A, 900, 1, BillLine.NO_RATIO, false, false),
                new ItemLine("ratio", "C0301", Category.CONSUMABLE, 30_000, 1, 5_000, false, false));
        assertEquals(List.of("CATEGORY_FROM_CATALOG:differs"), c.warnings());
        assertEquals(Category.B, c.lines().get(1).category());
        assertEquals(2_000, c.lines().get(2).selfRatioBp(), "the catalog's ratio, not the line's");
    }

    @Test
    void anExcludedLineStaysExcludedWhateverItsCode() {
        ItemLine injury = new ItemLine("inj", "XA01", Category.EXCLUDED, 5_000, 1, BillLine.NO_RATIO, false, false);
        assertTrue(!CatalogClassifier.usesCatalog(List.of(injury)));
        CatalogClassifier.Classified c = classify(injury);
        assertEquals(List.of(BillLine.of("inj", Category.EXCLUDED, 5_000, 1)), c.lines());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void aPriceExactlyAtTheLimitIsWhollyInScope() {
        SetlInfo a = amounts(ItemLine.coded("l", "XA01", 1_000, 3));
        assertEquals(0, a.overlmtSelfpay());
        assertEquals(3_000, a.inscpScpAmt());
    }

    @Test
    void oneFenAboveTheLimitIsOverLimitTimesQty() {
        SetlInfo a = amounts(ItemLine.coded("l", "XA01", 1_001, 3));
        assertEquals(3, a.overlmtSelfpay());
        assertEquals(3_000, a.inscpScpAmt());
    }

    @Test
    void aZeroLimitMakesTheWholePriceOverLimit() {
        SetlInfo a = amounts(ItemLine.coded("l", "XA00", 750, 4));
        assertEquals(3_000, a.medfeeSumamt());
        assertEquals(3_000, a.overlmtSelfpay());
        assertEquals(0, a.fulamtOwnpayAmt());
        assertEquals(0, a.inscpScpAmt());
    }

    @Test
    void aLimitedBLinePaysItsShareFirstOnThePartWithinTheLimit() {
        SetlInfo a = amounts(ItemLine.coded("l", "XB01", 1_200, 3));
        assertEquals(600, a.overlmtSelfpay());
        assertEquals(300, a.preselfpayAmt());
        assertEquals(2_700, a.inscpScpAmt());
    }

    @Test
    void consumableRatiosOfZeroAndTenThousandAndALimit() {
        SetlInfo zero = amounts(ItemLine.coded("l", "C0801", 45, 10));
        assertEquals(0, zero.preselfpayAmt());
        assertEquals(450, zero.inscpScpAmt());
        SetlInfo whole = amounts(ItemLine.coded("l", "C1001", 300, 50));
        assertEquals(15_000, whole.preselfpayAmt());
        assertEquals(0, whole.inscpScpAmt());
        assertEquals(0, whole.fulamtOwnpayAmt(), "paid first by the person, but in policy");
        SetlInfo stent = amounts(ItemLine.coded("l", "C0301", 50_000, 1));
        assertEquals(10_000, stent.overlmtSelfpay());
        assertEquals(8_000, stent.preselfpayAmt()); // 20% of the 40,000 within the limit
        assertEquals(32_000, stent.inscpScpAmt());
    }

    @Test
    void aLimitOnAnOwnPayItemChangesNothingAndABedMeetsItsLimitThenTheDailyCap() {
        SetlInfo self = amounts(ItemLine.coded("l", "XS01", 2_000, 2));
        assertEquals(4_000, self.fulamtOwnpayAmt());
        assertEquals(0, self.overlmtSelfpay());
        // level 2: bed cap 3000 a day; catalog limit 5000; 6000 × 2 days
        SetlInfo bed = amounts(ItemLine.coded("l", "001103000010000", 6_000, 2));
        assertEquals(2_000 + 4_000, bed.overlmtSelfpay());
        assertEquals(6_000, bed.inscpScpAmt());
    }

    @Test
    void aCodedLineNeedsOnlyPriceAndQuantityButAnUncodedOneMustBeComplete() {
        ItemLine.coded("l", "C0301", 0, 1); // no ratio needed: the catalog has it
        InvalidRequestException noRatio = assertThrows(InvalidRequestException.class,
                () -> new ItemLine("l", null, Category.CONSUMABLE, 100, 1, BillLine.NO_RATIO, false, false));
        assertEquals("self_ratio_bp", noRatio.violations().get(0).field());
        InvalidRequestException neither = assertThrows(InvalidRequestException.class,
                () -> new ItemLine("l", "  ", null, 100, 1, BillLine.NO_RATIO, false, false));
        assertEquals("category", neither.violations().get(0).field());
        InvalidRequestException qty = assertThrows(InvalidRequestException.class,
                () -> ItemLine.coded("l", "XA01", 100, 0));
        assertEquals("qty", qty.violations().get(0).field());
    }
}

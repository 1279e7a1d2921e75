package cn.onestop.catalog;

import cn.onestop.kernel.RowError;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogCsvTest {
    static final Path SAMPLE = Path.of("config", "catalog", "sample-catalog.csv");
    static final String HEADER = "code,name,kind,category,price_limit,self_ratio_bp,tcm_drug\n";

    static CatalogCsv.Parsed read(String csv) throws IOException {
        return CatalogCsv.read(new StringReader(csv));
    }

    @Test
    void theSampleCatalogReadsCleanWithEveryKindAndCategory() throws IOException {
        CatalogCsv.Parsed p = CatalogCsv.read(Files.newBufferedReader(SAMPLE, StandardCharsets.UTF_8));
        assertEquals(List.of(), p.errors());
        assertTrue(p.items().size() >= 300, "a few hundred items, got " + p.items().size());
        Map<String, CatalogItem> byCode = p.items().stream()
                .collect(Collectors.toMap(CatalogItem::code, Function.identity()));
        for (ItemKind k : ItemKind.values()) {
            assertTrue(p.items().stream().anyMatch(i -> i.kind() == k), "kind " + k);
        }
        for (Category c : List.of(Category.A, Category.B, Category.BLOOD, Category.CONSUMABLE, Category.BED,
                Category.SELF)) {
            assertTrue(p.items().stream().anyMatch(i -> i.category() == c), "category " + c);
        }
        CatalogItem amoxicillin = byCode.get("XJ01CAA139A010010100452");
        assertEquals("阿莫西林胶囊", amoxicillin.name());
        assertEquals(Category.A, amoxicillin.category());
        assertEquals(32, amoxicillin.priceLimit());
        assertTrue(p.items().stream().anyMatch(i -> i.name().equals("珍宝丸") && i.tcmDrug()), "Mongolian medicine");
        assertTrue(p.items().stream().anyMatch(i -> i.category() == Category.CONSUMABLE && i.selfRatioBp() == 0));
        assertTrue(p.items().stream().anyMatch(i -> i.category() == Category.CONSUMABLE && i.selfRatioBp() == 10_000));
        CatalogItem bed = p.items().stream().filter(i -> i.name().startsWith("普通病房床位费(三人间")).findFirst()
                .orElseThrow();
        assertEquals(Category.BED, bed.category());
        assertEquals(ItemKind.FACILITY, bed.kind());
    }

    @Test
    void everyBadRowIsListedWithItsLineAndColumn() throws IOException {
        CatalogCsv.Parsed p = read(HEADER
                + "X001,好药,DRUG,A,,,\n"                       // 2 ok
                + ",无编码,DRUG,A,,,\n"                         // 3 code missing
                + "X002,,SERVICE,Z,,,\n"                        // 4 name missing, bad category
                + "X003,耗材,CONSUMABLE,CONSUMABLE,,,\n"       // 5 ratio missing
                + "X004,药,DRUG,A,12.5,,\n"                     // 6 decimal price limit
                + "x001,重复,DRUG,A,,,\n"                       // 7 duplicate (case-insensitive)
                + "\n"                                          // 8 blank
                + "X005,床,FACILITY,BED,-1,,\n"                 // 9 negative limit
                + "X006,项目,SERVICE,A,,2000,\n"                // 10 ratio on a non-consumable
                + "X007,项目,SERVICE,A,,,true\n"                // 11 tcm on a service
                + "X008,项目,SERVICE,EXCLUDED,,,\n"             // 12 EXCLUDED
                + "X009,耗材,CONSUMABLE,CONSUMABLE,,10001,\n"  // 13 ratio out of range
                + "X 10,空格,DRUG,A,,,\n"                       // 14 space in code
                + "X011,药,PILL,A,,,maybe\n"                    // 15 bad kind and bool
                + "X012,少列,DRUG,A\n");                        // 16 wrong field count
        List<String> got = new ArrayList<>();
        for (RowError e : p.errors()) {
            got.add(e.line() + " " + e.field());
        }
        assertEquals(List.of("3 code", "4 name", "4 category", "5 self_ratio_bp", "6 price_limit", "7 code",
                "9 price_limit", "10 self_ratio_bp", "11 tcm_drug", "12 category", "13 self_ratio_bp", "14 code",
                "15 kind", "15 tcm_drug", "16 (row)"), got);
        assertEquals(14, p.records());
        assertTrue(p.errors().get(5).message().contains("first on line 2"), p.errors().get(5).message());
    }

    @Test
    void aHeaderMustNameEveryColumnOnceAndOtherColumnsAreIgnored() throws IOException {
        CatalogCsv.Parsed missing = read("code,name,kind,category,price_limit,tcm_drug\nX1,a,DRUG,A,,\n");
        assertEquals(List.of(new RowError(1, "self_ratio_bp", missing.errors().get(0).message())), missing.errors());
        CatalogCsv.Parsed twice = read("code,name,kind,category,price_limit,self_ratio_bp,tcm_drug,code\n");
        assertEquals("code", twice.errors().get(0).field());
        CatalogCsv.Parsed extra = read("规格,code,name,kind,category,price_limit,self_ratio_bp,tcm_drug,生产企业\n"
                + "0.25g*24粒,X1,阿莫西林胶囊,drug,甲类,32,,false,某药业\n");
        assertEquals(List.of(), extra.errors());
        assertEquals(List.of("规格", "生产企业"), extra.ignored());
        assertEquals(new CatalogItem("X1", "阿莫西林胶囊", ItemKind.DRUG, Category.A, 32, BillLine.NO_RATIO, false),
                extra.items().get(0));
        CatalogCsv.Parsed empty = read("");
        assertEquals(1, empty.errors().size());
    }

    @Test
    void chineseCategoryNamesAreAccepted() throws IOException {
        CatalogCsv.Parsed p = read(HEADER + "A1,甲,DRUG,甲,,,\nA2,乙,DRUG,乙类,,,\nA3,丙,DRUG,丙,,,\n");
        assertEquals(List.of(Category.A, Category.B, Category.SELF),
                p.items().stream().map(CatalogItem::category).toList());
    }

    @Test
    void theDigestDependsOnTheItemsNotOnTheirOrderOrQuoting() throws IOException {
        List<CatalogItem> a = sorted(read(HEADER + "B2,乙药,DRUG,B,100,,\nA1,甲药,DRUG,A,,,true\n"));
        List<CatalogItem> b = sorted(read(HEADER + "\"a1\", 甲药 ,DRUG,a,,,TRUE\nB2,\"乙药\",drug,B,100,,false\n"));
        assertEquals(CatalogCsv.digest(a), CatalogCsv.digest(b));
        List<CatalogItem> c = sorted(read(HEADER + "B2,乙药,DRUG,B,101,,\nA1,甲药,DRUG,A,,,true\n"));
        assertNotEquals(CatalogCsv.digest(a), CatalogCsv.digest(c));
    }

    private static List<CatalogItem> sorted(CatalogCsv.Parsed p) {
        assertEquals(List.of(), p.errors());
        List<CatalogItem> items = new ArrayList<>(p.items());
        items.sort(Comparator.comparing(CatalogItem::code));
        return items;
    }
}

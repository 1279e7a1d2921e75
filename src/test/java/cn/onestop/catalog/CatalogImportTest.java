package cn.onestop.catalog;

import cn.onestop.kernel.RecordingProgress;
import cn.onestop.request.ItemLine;
import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.kernel.StoreException;
import cn.onestop.kernel.ImportReport;
import cn.onestop.kernel.RowError;
import cn.onestop.request.Category;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogImportTest {
    static final LocalDate Y2023 = LocalDate.of(2023, 1, 1);
    static final LocalDate Y2025 = LocalDate.of(2025, 1, 1);
    static final String HEADER = CatalogCsvTest.HEADER;

    private Database db;
    private CatalogStore store;
    private CatalogImport imp;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void fresh(String name) {
        db = TestDatabase.fresh("catalog_" + name);
        store = new CatalogStore(db.dataSource(), Clock.systemUTC());
        imp = new CatalogImport(store);
    }

    private CatalogImport.Outcome importCsv(String csv, LocalDate from, String... regions) throws Exception {
        return imp.importCatalog("test.csv", new StringReader(csv), List.of(regions), from, null, null);
    }

    @Test
    void theSampleCatalogPublishesOneItemSetForThreeRegions() throws Exception {
        fresh("sample");
        CatalogImport.Outcome o = imp.importFile(CatalogCsvTest.SAMPLE, List.of("150100", "150300", "150400"), Y2023,
                null, null);
        assertTrue(o.ok(), () -> o.report().errors().toString());
        int items = o.report().rows();
        assertTrue(items >= 300);
        assertEquals(items, o.report().inserted());
        assertEquals(List.of("150100@2023-01-01", "150300@2023-01-01", "150400@2023-01-01"),
                o.created().stream().map(CatalogVersion::id).toList());
        assertEquals(items, count("SELECT COUNT(*) FROM catalog_items"), "stored once, shared by three versions");
        assertEquals(3, count("SELECT COUNT(*) FROM catalog_versions"));
        assertEquals(1, count("SELECT generation FROM catalog_generation"));
        assertEquals(3, count("SELECT COUNT(*) FROM audit_log WHERE action = 'PUBLISH_CATALOG'"));

        CatalogCache cache = new CatalogCache(store, 10_000, null);
        CatalogVersion wuhai = cache.inForce("150300", LocalDate.of(2026, 5, 1));
        assertEquals("150300@2023-01-01", wuhai.id());
        assertNull(cache.inForce("150300", LocalDate.of(2022, 12, 31)));
        assertNull(cache.inForce("150500", LocalDate.of(2026, 5, 1)));
        CatalogItem amoxicillin = cache.find(null, wuhai, "XJ01CAA139A010010100452");
        assertEquals("阿莫西林胶囊", amoxicillin.name());
    }

    @Test
    void importingTheSameItemsAgainChangesNothingAtAll() throws Exception {
        fresh("again");
        String csv = HEADER + "XA01,甲药,DRUG,A,100,,\nC01,支架,CONSUMABLE,CONSUMABLE,40000,2000,\n";
        assertTrue(importCsv(csv, Y2023, "150100").ok());
        Map<String, Long> before = snapshot();

        // same items, other order, quoting and case
        String again = HEADER + "c01,\"支架\",consumable,CONSUMABLE,40000,2000,false\nXA01,甲药,DRUG,甲,100,,\n";
        CatalogImport.Outcome o = importCsv(again, Y2023, "150100");
        assertTrue(o.ok(), () -> o.report().errors().toString());
        assertEquals(List.of(), o.created());
        assertEquals(List.of("150100@2023-01-01"), o.unchanged().stream().map(CatalogVersion::id).toList());
        ImportReport r = o.report();
        assertEquals(2, r.rows());
        assertEquals(2, r.unchanged());
        assertEquals(0, r.inserted());
        assertEquals(before, snapshot(), "not even the audit log or the generation moved");
    }

    @Test
    void aDifferentFileForAPublishedRegionAndDateIsRefusedAndANewDateIsANewVersion() throws Exception {
        fresh("refused");
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,1000,,\n", Y2023, "150100").ok());
        Map<String, Long> before = snapshot();
        CatalogImport.Outcome o = importCsv(HEADER + "XA01,甲药,DRUG,A,800,,\n", Y2023, "150100", "150400");
        assertFalse(o.ok());
        RowError e = o.report().errors().get(0);
        assertEquals(0, e.line());
        assertTrue(e.message().startsWith("150100@2023-01-01 is already published with other items"), e.message());
        assertEquals(before, snapshot(), "150400 was not published either: one import, one transaction");

        CatalogImport.Outcome next = importCsv(HEADER + "XA01,甲药,DRUG,A,800,,\n", Y2025, "150100");
        assertTrue(next.ok());
        assertEquals(List.of("150100@2025-01-01"), next.created().stream().map(CatalogVersion::id).toList());
    }

    @Test
    void theVersionInForceOnTheServiceDateClassifies() throws Exception {
        fresh("bydate");
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,1000,,\n", Y2023, "150100").ok());
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,800,,\nXA02,新药,DRUG,B,,,\n", Y2025, "150100").ok());
        CatalogCache cache = new CatalogCache(store, 10_000, null);
        List<ItemLine> bill = List.of(ItemLine.coded("l1", "XA01", 1_000, 2), ItemLine.coded("l2", "XA02", 500, 1));

        CatalogVersion old = cache.inForce("150100", LocalDate.of(2024, 12, 31));
        assertEquals("150100@2023-01-01", old.id());
        CatalogClassifier.Classified dec31 = CatalogClassifier.classify(bill,
                cache.items(null, old, CatalogClassifier.codes(bill))::get);
        assertEquals(1_000, dec31.lines().get(0).priceLimit());
        assertEquals(Category.SELF, dec31.lines().get(1).category(), "not yet in the catalog");
        assertEquals(List.of("UNKNOWN_ITEM_CODE:XA02"), dec31.warnings());
        assertEquals(0, CatalogClassifierTest.amounts(dec31.lines()).overlmtSelfpay());

        CatalogVersion now = cache.inForce("150100", LocalDate.of(2025, 1, 1));
        assertEquals("150100@2025-01-01", now.id());
        CatalogClassifier.Classified jan1 = CatalogClassifier.classify(bill,
                cache.items(null, now, CatalogClassifier.codes(bill))::get);
        assertEquals(800, jan1.lines().get(0).priceLimit());
        assertEquals(Category.B, jan1.lines().get(1).category());
        assertEquals(List.of(), jan1.warnings());
        assertEquals(400, CatalogClassifierTest.amounts(jan1.lines()).overlmtSelfpay());
    }

    @Test
    void overlappingRangesAreRefused() throws Exception {
        fresh("overlap");
        assertTrue(imp.importCatalog("a.csv", new StringReader(HEADER + "XA01,甲药,DRUG,A,,,\n"), List.of("150100"),
                Y2023, LocalDate.of(2025, 6, 30), null).ok());
        CatalogImport.Outcome o = importCsv(HEADER + "XA01,甲药,DRUG,B,,,\n", Y2025, "150100");
        assertFalse(o.ok());
        assertTrue(o.report().errors().get(0).message().contains("overlaps 150100@2023-01-01"),
                o.report().errors().toString());
        assertThrows(IllegalArgumentException.class, () -> importCsv(HEADER + "XA01,甲药,DRUG,A,,,\n", Y2025, "15010"));
    }

    @Test
    void aFileWithBadRowsListsThemAllAndWritesNothing() throws Exception {
        fresh("bad");
        Map<String, Long> before = snapshot();
        CatalogImport.Outcome o = importCsv(HEADER + "XA01,甲药,DRUG,A,,,\nXA02,乙药,DRUG,Q,,,\nXA01,再来,DRUG,A,,,\n"
                + "C01,耗材,CONSUMABLE,CONSUMABLE,,,\n", Y2023, "150100");
        assertFalse(o.ok());
        assertEquals(List.of(3L, 4L, 5L), o.report().errors().stream().map(RowError::line).toList());
        assertEquals(4, o.report().rows());
        assertEquals(before, snapshot());
    }

    @Test
    void anImportKilledHalfWayLeavesTheOldCatalogIntactAndNothingOfTheNewVisible() throws Exception {
        fresh("killed");
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,1000,,\n", Y2023, "150100").ok());
        Map<String, Long> before = snapshot();
        CatalogCache cache = new CatalogCache(store, 10_000, null);
        String big = bigCatalog(30_000);
        List<String> seen = new ArrayList<>();
        StoreException e = assertThrows(StoreException.class, () -> imp.importCatalog("big.csv", new StringReader(big),
                List.of("150100"), Y2025, null, RecordingProgress.cumulative(written -> {
                    if (written != 20_000) {
                        return;
                    }
                    try (Connection c = db.dataSource().getConnection()) {
                        c.setAutoCommit(true); // the test's own statements, each committed
                        // from outside, mid-import: nothing of it is visible
                        assertEquals(before, snapshot());
                        assertFalse(cache.refresh());
                        seen.add("checked at " + written);
                        // then the importing session dies, as when its JVM is killed
                        killTheImporter(c);
                    } catch (SQLException x) {
                        throw new IllegalStateException(x);
                    }
                })));
        assertEquals(List.of("checked at 20000"), seen, "the import was cut off: " + e);
        assertEquals(StoreException.Kind.UNAVAILABLE, e.kind(), "a lost connection, its cause kept: " + e);
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        assertEquals(before, snapshot());
        assertFalse(cache.refresh());
        CatalogVersion v = cache.inForce("150100", LocalDate.of(2025, 6, 1));
        assertEquals("150100@2023-01-01", v.id());
        assertEquals(1_000, cache.find(null, v, "XA01").priceLimit());

        // and the same import then runs through
        CatalogImport.Outcome o = imp.importCatalog("big.csv", new StringReader(big), List.of("150100"), Y2025, null,
                null);
        assertTrue(o.ok());
        assertEquals(30_000, o.report().inserted());
        assertTrue(cache.refresh());
        assertEquals("150100@2025-01-01", cache.inForce("150100", LocalDate.of(2025, 6, 1)).id());
    }

    @Test
    void anImportThatFailsHalfWayRollsBackToo() throws Exception {
        fresh("failed");
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,1000,,\n", Y2023, "150100").ok());
        Map<String, Long> before = snapshot();
        assertThrows(IllegalStateException.class, () -> imp.importCatalog("big.csv",
                new StringReader(bigCatalog(25_000)), List.of("150100", "150300"), Y2025, null,
                RecordingProgress.cumulative(written -> {
                    if (written == 20_000) {
                        throw new IllegalStateException("disk full (simulated)");
                    }
                })));
        assertEquals(before, snapshot());
    }

    @Test
    void theCacheKeepsKnownMissesAndSharesItemsAcrossRegions() throws Exception {
        fresh("cache");
        assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,,,\n", Y2023, "150100", "150400").ok());
        CatalogCache cache = new CatalogCache(store, 10_000, null);
        CatalogVersion hohhot = cache.inForce("150100", Y2025);
        CatalogVersion chifeng = cache.inForce("150400", Y2025);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true); // the test's own statements, each committed
            Map<String, CatalogItem> got = cache.items(c, hohhot, Set.of("XA01", "NOPE", "不是编码"));
            assertEquals(Set.of("XA01"), got.keySet());
            assertEquals(2, cache.size(), "XA01 and the known miss NOPE; a non-code is never asked for");
            long misses = cache.stats().missCount();
            assertNotNull(cache.find(c, chifeng, "XA01"), "the same item set: a hit");
            assertNull(cache.find(c, chifeng, "NOPE"));
            assertEquals(misses, cache.stats().missCount());
        }
    }

    @Test
    void aVersionPublishedElsewhereIsPickedUpByThePoller() throws Exception {
        fresh("poll");
        try (CatalogCache cache = new CatalogCache(store, 10_000, Duration.ofMillis(100))) {
            assertNull(cache.inForce("150100", Y2025));
            assertTrue(importCsv(HEADER + "XA01,甲药,DRUG,A,,,\n", Y2023, "150100").ok());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (cache.inForce("150100", Y2025) == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("150100@2023-01-01", cache.inForce("150100", Y2025).id());
        }
    }

    static String bigCatalog(int n) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            sb.append("XB").append(String.format("%08d", i)).append(",大目录药品").append(i).append(",DRUG,")
                    .append(i % 3 == 0 ? "A" : "B").append(',').append(i % 2 == 0 ? "" : String.valueOf(100 + i))
                    .append(",,").append(i % 7 == 0).append('\n');
        }
        return sb.toString();
    }

    /** Kills the session with an open write transaction on this test database: the importing one. */
    private static void killTheImporter(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.trx_mysql_thread_id FROM information_schema.innodb_trx t "
                + "JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id "
                + "WHERE p.db = DATABASE() AND t.trx_rows_modified > 0"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        assertEquals(1, ids.size(), "one importing session");
        try (Statement st = c.createStatement()) {
            st.execute("KILL CONNECTION " + ids.get(0));
        }
    }

    private Map<String, Long> snapshot() throws SQLException {
        return Map.of(
                "items", count("SELECT COUNT(*) FROM catalog_items"),
                "sets", count("SELECT COUNT(*) FROM catalog_item_sets"),
                "versions", count("SELECT COUNT(*) FROM catalog_versions"),
                "generation", count("SELECT generation FROM catalog_generation"),
                "audit", count("SELECT COUNT(*) FROM audit_log"),
                "limit", count("SELECT COALESCE(SUM(price_limit), 0) FROM catalog_items"));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            c.setAutoCommit(true); // the test's own statements, each committed
            rs.next();
            return rs.getLong(1);
        }
    }
}

package cn.onestop.catalog;

import cn.onestop.db.Database;
import cn.onestop.db.TestDatabase;
import cn.onestop.kernel.RecordingProgress;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A national-size catalog: 200,000 generated items (drugs, services, consumables; limits, ratios,
 * TCM flags) imported into a fresh database, then imported again (a no-op). Prints the times; no
 * timing assertion. {@code -Donestop.catalog.size=N} changes the size.
 */
class CatalogLargeImportTest {
    static final int SIZE = Integer.getInteger("onestop.catalog.size", 200_000);

    /** {@code n} catalog rows in the CSV format, deterministic. */
    static String generate(int n) {
        StringBuilder sb = new StringBuilder(n * 80).append(CatalogCsvTest.HEADER);
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0, 1 -> { // drugs: X + 22 characters, A / B / SELF, some limited, some TCM
                    sb.append('X').append(i % 8 == 0 ? "J01CA" : "C10AA").append('A').append(String.format("%016d", i))
                            .append(",药品").append(i).append("片,DRUG,")
                            .append(i % 10 == 0 ? "SELF" : i % 3 == 0 ? "A" : "B").append(',')
                            .append(i % 2 == 0 ? String.valueOf(50 + i % 5_000) : "").append(",,")
                            .append(i % 9 == 0).append('\n');
                }
                case 2 -> // services: 15 digits
                        sb.append(String.format("%015d", i)).append(",诊疗项目").append(i).append(",SERVICE,")
                                .append(i % 5 == 0 ? "B" : "A").append(',').append(1_000 + i % 90_000).append(",,\n");
                default -> // consumables: C + 19 digits, a self ratio
                        sb.append('C').append(String.format("%019d", i)).append(",\"耗材,规格").append(i)
                                .append("\",CONSUMABLE,CONSUMABLE,").append(100 + i % 900_000).append(',')
                                .append((i / 4) % 6 * 1_000).append(",\n");
            }
        }
        return sb.toString();
    }

    @Test
    void aNationalSizeCatalogImportsAndImportsAgainAsANoOp() throws Exception {
        String csv = generate(SIZE);
        try (Database db = TestDatabase.fresh("catalog_large")) {
            CatalogImport imp = new CatalogImport(new CatalogStore(db.dataSource(), Clock.systemUTC()));
            RecordingProgress progress = new RecordingProgress();
            long t0 = System.nanoTime();
            CatalogImport.Outcome o = imp.importCatalog("large.csv", new StringReader(csv), List.of("150100"),
                    LocalDate.of(2025, 1, 1), null, progress);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(o.ok(), () -> o.report().errors().subList(0, Math.min(5, o.report().errors().size())).toString());
            assertEquals(SIZE, o.report().inserted());
            assertEquals(List.of(new RecordingProgress.Phase("large.csv: writing items", SIZE, SIZE, (SIZE + 999) / 1_000,
                    true)), progress.phases());
            System.out.println("CatalogLargeImportTest: " + SIZE + " catalog items imported in " + ms + " ms");

            long t1 = System.nanoTime();
            CatalogImport.Outcome again = imp.importCatalog("large.csv", new StringReader(csv), List.of("150100"),
                    LocalDate.of(2025, 1, 1), null, null);
            System.out.println("CatalogLargeImportTest: " + SIZE + " catalog items re-imported (no-op) in "
                    + (System.nanoTime() - t1) / 1_000_000 + " ms");
            assertEquals(SIZE, again.report().unchanged());

            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM catalog_items")) {
                c.setAutoCommit(true); // the test's own statements, each committed
                rs.next();
                assertEquals(SIZE, rs.getLong(1));
            }
            CatalogCache cache = new CatalogCache(new CatalogStore(db.dataSource(), Clock.systemUTC()), 10_000, null);
            CatalogVersion v = cache.inForce("150100", LocalDate.of(2025, 3, 1));
            CatalogItem stent = cache.find(null, v, "C" + String.format("%019d", 3));
            assertEquals("耗材,规格3", stent.name());
            assertEquals(Set.of("XJ01CAA0000000000000000"), cache.items(null, v, List.of("XJ01CAA0000000000000000",
                    "XJ01CAA0000000000000008-NOPE")).keySet());
        }
    }
}

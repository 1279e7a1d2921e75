package cn.onestop.bench;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.catalog.CatalogClassifier;
import cn.onestop.catalog.CatalogItem;
import cn.onestop.catalog.CatalogSource;
import cn.onestop.catalog.CatalogVersion;
import cn.onestop.catalog.ItemKind;
import cn.onestop.request.ItemLine;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Catalog lookups and the split of a coded bill, each beside its baseline in the same run.
 *
 * <ul>
 *   <li>{@code lookupCached} / {@code lookupHashMap}: one code of a national-size catalog (200,000
 *       items, all cached), through {@link CatalogCache} (Caffeine, keyed by item set and code)
 *       and through a plain {@link HashMap}; codes in random order.
 *   <li>{@code splitCoded500} / {@code splitPreclassified500}: the 500-line inpatient bill of
 *       {@link SplitBenchmark} sent as item codes (look every code up through the cache, classify,
 *       split), and the same bill sent with categories (split only).
 * </ul>
 * The items come from memory (a {@link CatalogSource} over a map), so the numbers are the cache's
 * and the classifier's, not the database's: a settlement's misses cost one query per bill.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogBenchmark {
    static final int CATALOG_SIZE = 200_000;

    RuleBook book;
    CatalogVersion version;
    CatalogCache cache;
    Map<String, CatalogItem> map;
    String[] codes;
    SettlementRequest preclassified;
    List<ItemLine> coded;

    /** Where the next lookup starts: per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = i + 1 == CATALOG_SIZE ? 0 : i + 1;
            return i;
        }
    }

    @Setup
    public void setup() throws SQLException {
        book = RuleFiles.loadBundled();
        preclassified = BenchBills.inpatient(500);
        map = new HashMap<>(CATALOG_SIZE * 2);
        coded = new ArrayList<>();
        for (BillLine l : preclassified.lines()) { // the bill's items first, under their own codes
            String code = "XB" + String.format("%021d", map.size());
            map.put(code, new CatalogItem(code, "药品 " + l.id(), l.category() == Category.CONSUMABLE
                    ? ItemKind.CONSUMABLE : l.category() == Category.BED ? ItemKind.FACILITY : ItemKind.DRUG,
                    l.category(), l.priceLimit(), l.selfRatioBp(), l.tcmDrug()));
            coded.add(ItemLine.coded(l.id(), code, l.unitPrice(), l.qty()));
        }
        SplittableRandom rnd = new SplittableRandom(42);
        while (map.size() < CATALOG_SIZE) {
            String code = String.format("%015d", map.size());
            map.put(code, new CatalogItem(code, "诊疗项目 " + map.size(), ItemKind.SERVICE,
                    rnd.nextInt(4) == 0 ? Category.B : Category.A, rnd.nextBoolean() ? 1_000 + rnd.nextInt(90_000)
                    : BillLine.NO_LIMIT, BillLine.NO_RATIO, false));
        }
        version = new CatalogVersion("150100", LocalDate.of(2023, 1, 1), null, "0".repeat(64), map.size(),
                "benchmark", Instant.EPOCH);
        cache = new CatalogCache(new MemorySource(version, map), CATALOG_SIZE + 1_000, null);
        codes = map.keySet().toArray(String[]::new);
        for (int i = codes.length - 1; i > 0; i--) { // random order, fixed seed
            int j = rnd.nextInt(i + 1);
            String t = codes[i];
            codes[i] = codes[j];
            codes[j] = t;
        }
        cache.items(null, version, List.of(codes)); // every item cached
        if (!(splitCoded500() instanceof Outcome.Settled s)
                || !(SplitEngine.split(preclassified, book) instanceof Outcome.Settled p)
                || !s.settlement().amounts().equals(p.settlement().amounts())) {
            throw new IllegalStateException("the coded bill must settle as the classified one");
        }
    }

    @Benchmark
    public CatalogItem lookupCached(Cursor cursor) throws SQLException {
        return cache.find(null, version, codes[cursor.advance()]);
    }

    /** Baseline: the same codes in a HashMap. */
    @Benchmark
    public CatalogItem lookupHashMap(Cursor cursor) {
        return map.get(codes[cursor.advance()]);
    }

    @Benchmark
    public Outcome splitCoded500() throws SQLException {
        CatalogClassifier.Classified c = cache.classify(null, version, coded);
        SettlementRequest r = preclassified;
        return SplitEngine.split(new SettlementRequest(r.plan(), r.settleDate(), r.person(), r.institution(),
                r.visit(), r.ytd(), c.lines()), book);
    }

    /** Baseline: the same bill with its categories given. */
    @Benchmark
    public Outcome splitPreclassified500() {
        return SplitEngine.split(preclassified, book);
    }

    /** Catalog items from memory. */
    record MemorySource(CatalogVersion version, Map<String, CatalogItem> items) implements CatalogSource {
        @Override
        public long generation() {
            return 1;
        }

        @Override
        public List<CatalogVersion> versions() {
            return List.of(version);
        }

        @Override
        public Map<String, CatalogItem> items(Connection c, CatalogVersion v, Collection<String> codes) {
            Map<String, CatalogItem> out = new HashMap<>();
            for (String code : codes) {
                CatalogItem i = items.get(code);
                if (i != null) {
                    out.put(code, i);
                }
            }
            return out;
        }
    }
}

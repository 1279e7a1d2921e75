package cn.onestop.bench;

import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The rule-table lookup a split makes (the version of a plan in force on a date, {@link RuleBook#find})
 * beside a {@link ConcurrentHashMap} get of a table by its plan, over the same keys in the same
 * random order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleLookupBenchmark {
    static final int KEYS = 1024; // a power of two

    RuleBook book;
    ConcurrentHashMap<String, RuleTable> map;
    String[] plans;
    LocalDate[] dates;

    /** Where the next lookup starts: per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void setup() {
        book = RuleFiles.loadBundled();
        map = new ConcurrentHashMap<>();
        List<String> known = new ArrayList<>();
        for (String plan : List.of("NM-REGION-EMPLOYEE", "WUHAI-EMPLOYEE", "CHIFENG-RESIDENT")) {
            map.put(plan, book.find(plan, LocalDate.of(2026, 6, 1)));
            known.add(plan);
        }
        SplittableRandom rnd = new SplittableRandom(11);
        plans = new String[KEYS];
        dates = new LocalDate[KEYS];
        for (int i = 0; i < KEYS; i++) {
            plans[i] = new String(known.get(rnd.nextInt(known.size()))); // not the map's own instance
            dates[i] = LocalDate.of(2025 + rnd.nextInt(2), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        }
    }

    @Benchmark
    public RuleTable ruleBookFind(Cursor c) {
        int i = c.next++ & (KEYS - 1);
        return book.find(plans[i], dates[i]);
    }

    /** Baseline: a table by plan from a ConcurrentHashMap. */
    @Benchmark
    public RuleTable baselineConcurrentHashMapGet(Cursor c) {
        int i = c.next++ & (KEYS - 1);
        return map.get(plans[i]);
    }
}

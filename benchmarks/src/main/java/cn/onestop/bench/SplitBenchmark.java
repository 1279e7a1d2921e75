package cn.onestop.bench;

import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.request.BillLine;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The split of an inpatient bill against its baseline in the same run: a loop that only sums the
 * lines' amounts. One thread, so the throughput is per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SplitBenchmark {
    @Param({"20", "500"})
    int lines;

    RuleBook book;
    SettlementRequest request;
    SettlementRequest sorted;

    @Setup
    public void setup() {
        book = RuleFiles.loadBundled();
        request = BenchBills.inpatient(lines);
        List<BillLine> byCategory = new ArrayList<>(request.lines());
        byCategory.sort(Comparator.comparing(BillLine::category));
        sorted = new SettlementRequest(request.plan(), request.settleDate(), request.person(), request.institution(),
                request.visit(), request.ytd(), byCategory);
        if (!(SplitEngine.split(request, book) instanceof Outcome.Settled a)
                || !(SplitEngine.split(sorted, book) instanceof Outcome.Settled b)
                || !a.settlement().amounts().equals(b.settlement().amounts())) {
            throw new IllegalStateException("the benchmark bill must settle, in any order of its lines alike");
        }
    }

    @Benchmark
    public Outcome split() {
        return SplitEngine.split(request, book);
    }

    /**
     * The same bill with its lines in category order: the same work, but the line loop's branch on
     * the category is predictable. The difference from {@link #split} is what mispredicted branches
     * cost on a real bill, whose categories come in no predictable order.
     */
    @Benchmark
    public Outcome splitSortedByCategory() {
        return SplitEngine.split(sorted, book);
    }

    /** Baseline: read every line and sum {@code unit_price × qty}. */
    @Benchmark
    public long baselineSumLines() {
        List<BillLine> ls = request.lines();
        long sum = 0;
        for (int i = 0, n = ls.size(); i < n; i++) {
            sum += ls.get(i).amount();
        }
        return sum;
    }
}

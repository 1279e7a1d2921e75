package cn.onestop.engine;

import cn.onestop.bench.BenchBills;
import cn.onestop.request.BillLine;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The split's line loop alone, over the 500-line bill: the engine's loop (a switch on the
 * category) beside a formulation without a branch on the category (every line's paid-first share
 * through one ratio table, sums kept per category), and the summing loop. An experiment, to see
 * how much of the 500-line split's distance from its baseline the category branch is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LineLoopBenchmark {
    List<BillLine> lines;
    int bBp = 1000;
    long perDay = 6_000;

    @Setup
    public void setup() {
        lines = BenchBills.inpatient(500).lines();
        if (switchLoop() != tableLoop()) {
            throw new IllegalStateException("the two loops disagree");
        }
    }

    @Benchmark
    public long switchLoop() {
        long bBase = 0, bPre = 0, consumableBase = 0, consumablePre = 0, bedBase = 0, medfee = 0, fulamt = 0;
        long bedOver = 0, priceOver = 0;
        long maxDays = Long.MAX_VALUE / perDay;
        for (int i = 0, n = lines.size(); i < n; i++) {
            BillLine line = lines.get(i);
            long whole = line.amount();
            medfee += whole;
            long overLimit = line.priceLimit() == BillLine.NO_LIMIT || line.category().ordinal() > 4
                    ? 0 : line.overPriceLimit();
            priceOver += overLimit;
            long amount = whole - overLimit;
            switch (line.category().ordinal()) {
                case 0 -> {
                }
                case 1, 2 -> {
                    long pre = Money.pay(amount, bBp);
                    bBase += amount;
                    bPre += pre;
                }
                case 3 -> {
                    long pre = Money.pay(amount, line.selfRatioBp());
                    consumableBase += amount;
                    consumablePre += pre;
                }
                case 4 -> {
                    bedBase += amount;
                    long limit = line.qty() > maxDays ? Long.MAX_VALUE : perDay * line.qty();
                    bedOver += amount - Math.min(amount, limit);
                }
                default -> fulamt += amount;
            }
        }
        return mix(bBase, bPre, consumableBase, consumablePre, bedBase, medfee, fulamt, bedOver, priceOver);
    }

    @Benchmark
    public long tableLoop() {
        long[] base = new long[8];
        long[] pre = new long[8];
        int[] ratio = {0, bBp, bBp, 0, 0, Money.FULL, Money.FULL, 0};
        long medfee = 0, bedOver = 0, priceOver = 0;
        long maxDays = Long.MAX_VALUE / perDay;
        for (int i = 0, n = lines.size(); i < n; i++) {
            BillLine line = lines.get(i);
            int ord = line.category().ordinal();
            long whole = line.amount();
            medfee += whole;
            long overLimit = line.priceLimit() == BillLine.NO_LIMIT || ord > 4 ? 0 : line.overPriceLimit();
            priceOver += overLimit;
            long amount = whole - overLimit;
            int r = ord == 3 ? line.selfRatioBp() : ratio[ord];
            long limit = line.qty() > maxDays ? Long.MAX_VALUE : perDay * line.qty();
            long over = ord == 4 ? amount - Math.min(amount, limit) : 0;
            bedOver += over;
            base[ord] += amount;
            pre[ord] += (amount * r + Money.FULL / 2) / Money.FULL;
        }
        return mix(base[1] + base[2], pre[1] + pre[2], base[3], pre[3], base[4], medfee, base[5] + base[6],
                bedOver, priceOver);
    }

    @Benchmark
    public long baselineSumLines() {
        long sum = 0;
        for (int i = 0, n = lines.size(); i < n; i++) {
            sum += lines.get(i).amount();
        }
        return sum;
    }

    private static long mix(long... v) {
        long h = 0;
        for (long x : v) {
            h = h * 31 + x;
        }
        return h;
    }
}

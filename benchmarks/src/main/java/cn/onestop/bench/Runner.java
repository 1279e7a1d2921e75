package cn.onestop.bench;

import io.grpc.StatusRuntimeException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * N callers, each making one call after another, for a fixed time (after a warm-up that is not
 * counted) or until a fixed count; or, with a rate, each caller keeping to its share of a schedule,
 * its latency counted from the moment the schedule meant the call to start (so a slow answer that
 * delays the next call is not hidden). Answers other than OK are counted by status code, apart from
 * the latencies. On a terminal, one progress line, rewritten every second; in a pipe, nothing
 * until the end. Always stops by itself.
 */
final class Runner {
    /** One call by caller {@code caller}, its {@code n}-th. */
    interface Call {
        void call(int caller, long n, SplittableRandom rnd) throws Exception;
    }

    /**
     * @param seconds measured time; {@code warmup} seconds before it are not counted
     * @param maxCalls 0: no limit; otherwise the run ends after that many counted calls
     * @param rate 0: as fast as answers come; otherwise calls per second, all callers together
     */
    record Plan(String name, int callers, double warmup, double seconds, long maxCalls, double rate) {
        Plan {
            if (callers < 1 || seconds <= 0 || warmup < 0 || rate < 0 || maxCalls < 0) {
                throw new IllegalArgumentException("bad run plan " + name);
            }
        }
    }

    /** What a run measured: counted answers, their latencies (ns), the failures by status code. */
    record Measured(Plan plan, long ok, double seconds, Histogram latency, Map<String, Long> failures,
                    Probes.PerCall probe) {
        double perSecond() {
            return ok / seconds;
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMs() {
            return latency.getMaxValue() / 1e6;
        }

        String line() {
            String where = probe == null ? "" : String.format("%n      per answer: %.1f statements, %.2f commits, "
                    + "%.2f fsyncs, %.1f settlements a commit; CPU ms: gateway %.2f, database %.2f, load "
                    + "generator %.2f (CPU %.0f%% busy)", probe.statements(), probe.commits(), probe.fsyncs(),
                    probe.batchMean(), probe.gatewayCpuMs(), probe.databaseCpuMs(), probe.loadCpuMs(),
                    100 * probe.cpuBusy());
            return String.format("%-44s %3d callers %9.0f/s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms%s%s",
                    plan.name(), plan.callers(), perSecond(), ms(50), ms(99), ms(99.9), maxMs(),
                    failures.isEmpty() ? "" : "  failed " + failures, where);
        }
    }

    private static final PrintStream OUT = System.out;
    private static final boolean TERMINAL = System.console() != null;

    private Runner() {
    }

    static Measured run(Plan plan, Call call) throws InterruptedException {
        return run(plan, call, null);
    }

    /** As {@link #run(Plan, Call)}, with {@code probe} read when counting starts and when it ends (may be null). */
    static Measured run(Plan plan, Call call, Supplier<Probes.Snapshot> probe) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        Recorder recorder = new Recorder(3);
        LongAdder counted = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicLong broken = new AtomicLong();
        long start = System.nanoTime();
        long intervalNs = plan.rate() > 0 ? (long) (1e9 * plan.callers() / plan.rate()) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plan.callers(); t++) {
            int caller = t;
            Thread th = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(plan.name().hashCode() * 31L + caller);
                long next = start + (intervalNs == 0 ? 0 : intervalNs * caller / plan.callers());
                for (long n = 0; !stop.get(); n++) {
                    long t0 = System.nanoTime();
                    if (intervalNs > 0) {
                        while (t0 < next && !stop.get()) {
                            LockSupport.parkNanos(next - t0);
                            t0 = System.nanoTime();
                        }
                        t0 = next; // latency from when the schedule meant the call to start
                        next += intervalNs;
                    }
                    if (stop.get()) {
                        break;
                    }
                    boolean count = counting.get();
                    try {
                        call.call(caller, n, rnd);
                        if (count) {
                            recorder.recordValue(Math.max(0, System.nanoTime() - t0));
                            counted.increment();
                        }
                    } catch (StatusRuntimeException e) {
                        if (count) {
                            failures.computeIfAbsent(e.getStatus().getCode().name(), k -> new LongAdder()).increment();
                        }
                    } catch (Exception e) {
                        if (broken.getAndIncrement() < 3) {
                            e.printStackTrace();
                        }
                        if (count) {
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                        }
                    }
                    if (plan.maxCalls() > 0 && counted.sum() >= plan.maxCalls()) {
                        stop.set(true);
                    }
                }
            }, "caller-" + t);
            th.setDaemon(true);
            threads.add(th);
        }
        threads.forEach(Thread::start);
        sleepWatching(plan, start, (long) (plan.warmup() * 1e9), "warm-up", counted, failures, stop);
        recorder.getIntervalHistogram(); // what the warm-up recorded is dropped
        counted.reset();
        failures.clear();
        Probes.Snapshot first = probe == null ? null : probe.get();
        counting.set(true);
        long t0 = System.nanoTime();
        sleepWatching(plan, t0, (long) (plan.seconds() * 1e9), "", counted, failures, stop);
        counting.set(false);
        Probes.Snapshot last = probe == null ? null : probe.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        stop.set(true);
        for (Thread th : threads) {
            th.join(60_000);
        }
        if (TERMINAL) {
            OUT.print("\r\033[2K");
        }
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        Measured m = new Measured(plan, h.getTotalCount(), elapsed, h, failed,
                first == null ? null : Probes.PerCall.between(first, last, h.getTotalCount()));
        OUT.println(m.line());
        return m;
    }

    /** Sleeps for {@code ns}, rewriting the progress line every second on a terminal. */
    private static void sleepWatching(Plan plan, long from, long ns, String phase, LongAdder counted,
                                      Map<String, LongAdder> failures, AtomicBoolean stop) throws InterruptedException {
        long end = from + ns;
        long lastCount = counted.sum();
        long lastAt = System.nanoTime();
        while (!stop.get()) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            Thread.sleep(Math.min(1_000, Math.max(1, (end - now) / 1_000_000)));
            if (TERMINAL) {
                long c = counted.sum();
                long at = System.nanoTime();
                long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
                OUT.printf("\r\033[2K%s, %d callers %s %4.1f/%.0f s: %d answers, %.0f/s now%s", plan.name(),
                        plan.callers(), phase, (at - from) / 1e9, ns / 1e9, c, (c - lastCount) / ((at - lastAt) / 1e9),
                        failed == 0 ? "" : ", " + failed + " failed");
                OUT.flush();
                lastCount = c;
                lastAt = at;
            }
        }
    }
}

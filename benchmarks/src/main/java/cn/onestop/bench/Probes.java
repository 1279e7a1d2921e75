package cn.onestop.bench;

import cn.onestop.api.v1.GetStatsRequest;
import cn.onestop.api.v1.RuleAdminServiceGrpc;
import cn.onestop.api.v1.Stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a run's time went, read beside it: the CPU time of the gateway, the database server and
 * this load generator (Linux {@code /proc/PID/stat}); the database's own counters (statements,
 * commits, log fsyncs); and the gateway's heap and batches, from {@code GetStats} as the centre's
 * administrator, polled while the run lasts.
 */
final class Probes {
    private Probes() {
    }

    /** CPU seconds (user + system) of process {@code pid}, or -1 where /proc cannot tell. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), in clock ticks: 100 a second on Linux
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The database server's pid, from its pid file ({@code @@pid_file}), or -1. */
    static long databasePid(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@pid_file, @@datadir")) {
            rs.next();
            Path file = Path.of(rs.getString(1));
            if (!file.isAbsolute()) {
                file = Path.of(rs.getString(2)).resolve(file);
            }
            return Long.parseLong(Files.readString(file).strip());
        } catch (SQLException | IOException | RuntimeException e) {
            return -1;
        }
    }

    static final String[] COUNTERS = {"Questions", "Com_commit", "Com_select", "Com_insert", "Com_update",
            "Com_rollback", "Innodb_data_fsyncs", "Innodb_rows_inserted"};

    /** The database server's counters named in {@link #COUNTERS}. */
    static Map<String, Long> counters(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE "
                + "Variable_name IN ('" + String.join("','", COUNTERS) + "')")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Counters, CPU times and batches at one moment. */
    record Snapshot(long nanos, Map<String, Long> counters, double gatewayCpu, double databaseCpu, double selfCpu,
                    long batches, long batched) {
    }

    /** What happened between two snapshots, per counted answer. */
    record PerCall(double statements, double commits, double fsyncs, double gatewayCpuMs, double databaseCpuMs,
                   double loadCpuMs, double batchMean, double cpuBusy) {
        static PerCall between(Snapshot a, Snapshot b, long answers) {
            double n = Math.max(1, answers);
            double wall = (b.nanos() - a.nanos()) / 1e9;
            double g = b.gatewayCpu() - a.gatewayCpu();
            double d = b.databaseCpu() - a.databaseCpu();
            double s = b.selfCpu() - a.selfCpu();
            long batches = b.batches() - a.batches();
            return new PerCall(delta(a, b, "Questions") / n, delta(a, b, "Com_commit") / n,
                    delta(a, b, "Innodb_data_fsyncs") / n, 1_000 * g / n, 1_000 * d / n, 1_000 * s / n,
                    batches == 0 ? 0 : (double) (b.batched() - a.batched()) / batches,
                    (g + d + s) / Math.max(1e-9, wall * Runtime.getRuntime().availableProcessors()));
        }

        private static long delta(Snapshot a, Snapshot b, String k) {
            return b.counters().getOrDefault(k, 0L) - a.counters().getOrDefault(k, 0L);
        }
    }

    /** Polls the gateway's heap every {@code everyMs} while a run lasts; keeps the peaks. */
    static final class HeapWatch implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;

        HeapWatch(RuleAdminServiceGrpc.RuleAdminServiceBlockingStub admin, long everyMs) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Stats s = stats(admin);
                        peakUsed.accumulateAndGet(s.getHeapUsedBytes(), Math::max);
                        peakAfterGc.accumulateAndGet(s.getHeapAfterGcBytes(), Math::max);
                        max.set(s.getHeapMaxBytes());
                        Thread.sleep(everyMs);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // a poll that failed under load: the next one will do
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        static Stats stats(RuleAdminServiceGrpc.RuleAdminServiceBlockingStub admin) {
            return admin.withDeadlineAfter(5, TimeUnit.SECONDS).getStats(GetStatsRequest.getDefaultInstance());
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }

        long max() {
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.interrupt();
            thread.join(10_000);
        }
    }
}

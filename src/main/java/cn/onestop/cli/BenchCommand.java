package cn.onestop.cli;

import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.kernel.Progress;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code onestop bench}: a short closed-loop load on a running gateway, the operator's quick check.
 * N terminals each send a bill, wait for the answer, and send the next, for D seconds; then the
 * throughput, the latency percentiles (HdrHistogram) and every status seen. The full benchmarks are
 * in {@code benchmarks/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"A short closed-loop load on a running gateway: N terminals, each sending the next bill as "
                + "soon as the last is answered, for D seconds; then calls per second, latency p50/p90/p99/max and "
                + "the statuses seen.",
                "The bills are the sample bills (config/samples/requests), each sent under a new message id by the "
                        + "institution it names (its development certificate, or --token). Settle commits for "
                        + "real: use a development or test gateway, or --presettle, which writes nothing. Bills of "
                        + "one person are settled one after another (the person's row is locked), as at a counter.",
                "On a terminal, progress is shown on stderr."},
        footer = {"", "Exit status: 0 every call succeeded; 1 some did not (see the statuses)."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    GatewayCall call;

    @Option(names = {"-n", "--terminals"}, paramLabel = "N", description = "terminals (default: ${DEFAULT-VALUE})")
    int terminals = 4;

    @Option(names = {"-d", "--seconds"}, paramLabel = "D", description = "how long (default: ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--presettle", description = "send PreSettle (the split, nothing written) instead of Settle")
    boolean presettle;

    @Parameters(arity = "0..*", paramLabel = "BILL",
            description = "SettleRequest JSON files (default: every file in config/samples/requests)")
    List<Path> bills;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One terminal's calls. */
    private record Tally(Histogram latency, Map<String, Long> statuses) {
    }

    @Override
    public Integer call() throws Exception {
        if (terminals < 1 || seconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--terminals and --seconds: at least 1");
        }
        List<SettleRequest> requests = load(bills == null ? samples() : bills);
        Map<String, ManagedChannel> channels = new HashMap<>();
        try {
            for (SettleRequest r : requests) {
                if (!channels.containsKey(r.getInstitutionCode())) {
                    channels.put(r.getInstitutionCode(), call.connection.open(r.getInstitutionCode()));
                }
            }
            Progress progress = TerminalProgress.onStderr();
            progress.start("bench: " + terminals + " terminals for " + seconds + " s", Progress.UNKNOWN);
            long t0 = System.nanoTime();
            List<Tally> tallies = drive(requests, channels, t0 + TimeUnit.SECONDS.toNanos(seconds), progress);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            progress.done();
            return report(tallies, elapsed, requests);
        } finally {
            channels.values().forEach(ManagedChannel::shutdownNow);
        }
    }

    private List<Tally> drive(List<SettleRequest> requests, Map<String, ManagedChannel> channels, long end,
                              Progress progress) throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            Tally tally = new Tally(new Histogram(3), new TreeMap<>());
            tallies.add(tally);
            int terminal = t;
            Thread th = new Thread(() -> terminal(terminal, run, requests, channels, end, tally, progress),
                    "bench-terminal-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        return tallies;
    }

    private void terminal(int terminal, String run, List<SettleRequest> requests, Map<String, ManagedChannel> channels,
                          long end, Tally tally, Progress progress) {
        for (long n = 0; System.nanoTime() < end; n++) {
            SettleRequest bill = requests.get((int) ((terminal + n) % requests.size())).toBuilder()
                    .setMessageId("bench-" + run + "-" + terminal + "-" + n).build();
            var stub = call.deadline(SettlementServiceGrpc.newBlockingStub(channels.get(bill.getInstitutionCode())));
            long t0 = System.nanoTime();
            String status;
            try {
                if (presettle) {
                    stub.preSettle(bill);
                } else {
                    stub.settle(bill);
                }
                status = "OK";
            } catch (StatusRuntimeException e) {
                String reason = Refusals.reason(e);
                status = e.getStatus().getCode() + (reason.isEmpty() ? "" : " " + reason);
            }
            tally.latency().recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            tally.statuses().merge(status, 1L, Long::sum);
            progress.advance(1);
        }
    }

    private int report(List<Tally> tallies, double elapsed, List<SettleRequest> requests) {
        Histogram all = new Histogram(3);
        Map<String, Long> statuses = new TreeMap<>();
        for (Tally t : tallies) {
            all.add(t.latency());
            t.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }
        long persons = requests.stream().map(r -> r.getCredential().getValue()).distinct().count();
        long calls = all.getTotalCount();
        System.out.printf(Locale.ROOT, "bench: %d terminals, %d s, %s, %d bills (%d persons), %s%n", terminals,
                seconds, presettle ? "PreSettle" : "Settle", requests.size(), persons, call.connection.target);
        System.out.printf(Locale.ROOT, "calls        %,d in %.1f s: %,.0f/s%n", calls, elapsed, calls / elapsed);
        System.out.printf(Locale.ROOT, "latency ms   p50 %.1f   p90 %.1f   p99 %.1f   max %.1f%n", ms(all, 50),
                ms(all, 90), ms(all, 99), all.getMaxValue() / 1000.0);
        StringBuilder s = new StringBuilder("statuses    ");
        statuses.forEach((k, v) -> s.append("  ").append(k).append(' ').append(String.format(Locale.ROOT, "%,d", v)));
        System.out.println(s);
        return statuses.keySet().stream().allMatch("OK"::equals) ? 0 : 1;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static List<Path> samples() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of("config", "samples", "requests"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<SettleRequest> load(List<Path> files) throws Exception {
        List<SettleRequest> out = new ArrayList<>();
        for (Path f : files) {
            out.add(ClientCommand.read(f, SettleRequest.newBuilder()).build());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no bills to send");
        }
        return out;
    }
}

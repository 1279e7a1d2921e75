package cn.onestop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The load generator's command line; every run is bounded by {@code --seconds}. */
final class Options {
    /** The concurrencies of the comparison (the last is the report's {@code callers}). */
    int[] callers = {16, 32};
    /** Every concurrency measured (the chart's points); includes {@link #callers}. */
    int[] sweep = {1, 4, 16, 32, 64};
    double seconds = 8;
    double warmup = 2;
    double warmupAll = 20;
    int persons = 5_000;
    int contendedPersons = 4;
    int contendedCallers = 32;
    int halfLoadCallers = 32;
    Path out = Path.of("benchmarks", "results", "load.json");
    Path work = Path.of("benchmarks", "target", "bench");
    Path jar = Path.of("target", "onestop.jar");
    Path jfr;
    List<String> gatewayJvm = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    /** The kinds of run to make (all by default): raw_commit, settle, echo, presettle, contended, half_load. */
    java.util.Set<String> only = java.util.Set.of("raw_commit", "settle", "echo", "presettle", "contended", "half_load");

    boolean does(String kind) {
        return only.contains(kind);
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--help") || a.equals("-h")) {
                usage(null);
            }
            if (v == null) {
                usage(a + " needs a value");
            }
            i++;
            switch (a) {
                case "--callers" -> o.callers = ints(v);
                case "--sweep" -> o.sweep = ints(v);
                case "--seconds" -> o.seconds = positive(a, Double.parseDouble(v));
                case "--warmup" -> o.warmup = Double.parseDouble(v);
                case "--warmup-all" -> o.warmupAll = Double.parseDouble(v);
                case "--persons" -> o.persons = (int) positive(a, Integer.parseInt(v));
                case "--contended-persons" -> o.contendedPersons = (int) positive(a, Integer.parseInt(v));
                case "--contended-callers" -> o.contendedCallers = (int) positive(a, Integer.parseInt(v));
                case "--half-load-callers" -> o.halfLoadCallers = (int) positive(a, Integer.parseInt(v));
                case "--out" -> o.out = Path.of(v);
                case "--work" -> o.work = Path.of(v);
                case "--jar" -> o.jar = Path.of(v);
                case "--jfr" -> o.jfr = Path.of(v);
                case "--only" -> o.only = java.util.Set.of(v.split(","));
                case "--gateway-jvm" -> o.gatewayJvm.addAll(Arrays.asList(v.trim().split("\\s+")));
                case "--set" -> {
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        usage("--set wants key=value, got " + v);
                    }
                    o.settings.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> usage("unknown option " + a);
            }
        }
        if (o.seconds > 600 || o.warmup > 600 || o.warmupAll > 600) {
            usage("a run lasts at most 600 s");
        }
        int[] all = java.util.stream.IntStream.concat(Arrays.stream(o.sweep), Arrays.stream(o.callers))
                .distinct().sorted().toArray();
        if (all.length == 0 || all[0] < 1 || all[all.length - 1] > 512) {
            usage("callers must be 1..512");
        }
        o.sweep = all;
        return o;
    }

    private static int[] ints(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static double positive(String option, double v) {
        if (v <= 0) {
            usage(option + " must be positive");
        }
        return v;
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("""
                usage: LoadGenerator [--callers 16,32] [--sweep 1,4,16,32,64] [--seconds 8] [--warmup 2]
                                     [--warmup-all 20] [--persons 5000] [--contended-persons 4]
                                     [--contended-callers 32] [--half-load-callers 32] [--out FILE]
                                     [--work DIR] [--jar target/onestop.jar] [--jfr FILE]
                                     [--gateway-jvm "OPTIONS"] [--set gateway.key=value]...
                                     [--only raw_commit,settle,echo,presettle,contended,half_load]
                Starts a database server and the gateway on 127.0.0.1 only, and measures there.""");
        System.exit(problem == null ? 0 : 2);
    }
}

package cn.onestop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark report from one run's results: {@code latest.json} (the figures the issue names),
 * {@code latest.md} (every figure beside its baseline and its target, with the machine, the JDK and
 * the settings) and {@code latency-throughput.png}.
 *
 * <pre>
 *   Report RESULTS_DIR     (reads jmh.json and load.json there)
 * </pre>
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JsonNode load;
    private final JsonNode jmh;
    private final int callers;

    private Report(JsonNode load, JsonNode jmh) {
        this.load = load;
        this.jmh = jmh;
        int c = 0;
        for (JsonNode n : load.path("comparison_callers")) {
            c = Math.max(c, n.asInt());
        }
        this.callers = c;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        JsonNode load = JSON.readTree(dir.resolve("load.json").toFile());
        Path jmhFile = dir.resolve("jmh.json");
        JsonNode jmh = Files.exists(jmhFile) ? JSON.readTree(jmhFile.toFile()) : JSON.createArrayNode();
        Report r = new Report(load, jmh);
        JSON.writeValue(dir.resolve("latest.json").toFile(), r.figures());
        Files.writeString(dir.resolve("latest.md"), r.markdown(), StandardCharsets.UTF_8);
        Chart.write(load, dir.resolve("latency-throughput.png"), r.machineLine());
        System.out.println("report: " + dir.resolve("latest.json") + ", " + dir.resolve("latest.md") + ", "
                + dir.resolve("latency-throughput.png"));
    }

    /** A load run of {@code kind} at {@code callers} (0: the one with the highest rate), or a missing node. */
    JsonNode run(String kind, int atCallers) {
        JsonNode best = JSON.missingNode();
        for (JsonNode r : load.path("runs")) {
            if (!r.path("kind").asText().equals(kind)) {
                continue;
            }
            if (atCallers > 0 ? r.path("callers").asInt() == atCallers
                    : best.isMissingNode() || r.path("per_s").asDouble() > best.path("per_s").asDouble()) {
                best = r;
            }
        }
        return best;
    }

    /** A JMH result's score (ops/s), or NaN. */
    double score(String method, String lines) {
        JsonNode n = bench(method, lines);
        return n == null ? Double.NaN : n.path("primaryMetric").path("score").asDouble();
    }

    double error(String method, String lines) {
        JsonNode n = bench(method, lines);
        return n == null ? Double.NaN : n.path("primaryMetric").path("scoreError").asDouble();
    }

    /** Bytes allocated per operation ({@code -prof gc}), or NaN. */
    double alloc(String method, String lines) {
        JsonNode n = bench(method, lines);
        if (n == null) {
            return Double.NaN;
        }
        var it = n.path("secondaryMetrics").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().path("score").asDouble();
            }
        }
        return Double.NaN;
    }

    private JsonNode bench(String method, String lines) {
        for (JsonNode n : jmh) {
            if (n.path("benchmark").asText().endsWith("." + method)
                    && (method.contains(".") || !n.path("benchmark").asText().contains("LineLoopBenchmark"))
                    && (lines == null || n.path("params").path("lines").asText().equals(lines))) {
                return n;
            }
        }
        return null;
    }

    ObjectNode figures() {
        ObjectNode f = JSON.createObjectNode();
        f.put("measured_at", load.path("measured_at").asText());
        f.put("settle_per_s", round(run("settle", callers).path("per_s").asDouble()));
        f.put("raw_commit_per_s", round(run("raw_commit", callers).path("per_s").asDouble()));
        f.put("settle_p99_ms", round2(run("settle", callers).path("p99_ms").asDouble()));
        f.put("presettle_per_s", round(run("presettle", 0).path("per_s").asDouble()));
        f.put("echo_per_s", round(run("echo", 0).path("per_s").asDouble()));
        f.put("presettle_p99_ms_half_load", round2(run("presettle_half_load", 0).path("p99_ms").asDouble()));
        f.put("split20_per_s", round(score("split", "20")));
        f.put("split500_per_s", round(score("split", "500")));
        f.put("sum500_per_s", round(score("baselineSumLines", "500")));
        f.put("heap_peak_mb", round2(load.path("heap_peak_used_bytes").asDouble() / (1 << 20)));
        f.put("callers", callers);
        f.put("audit_ok", load.path("audit").path("ok").asBoolean());
        f.set("machine", load.path("machine"));
        return f;
    }

    String machineLine() {
        JsonNode m = load.path("machine");
        return String.format("%d cores (%s), %d GB, %s, %s; measured %s", m.path("cores").asInt(),
                m.path("cpu").asText(), m.path("memory_gb").asInt(), m.path("os").asText(), m.path("jdk").asText(),
                load.path("measured_at").asText().replace('T', ' ').replaceAll("\\.\\d+$", ""));
    }

    String markdown() {
        Markdown md = new Markdown(this);
        return md.render();
    }

    static double round(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v);
    }

    static double round2(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 100) / 100.0;
    }

    static String n(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    JsonNode load() {
        return load;
    }

    int callers() {
        return callers;
    }
}

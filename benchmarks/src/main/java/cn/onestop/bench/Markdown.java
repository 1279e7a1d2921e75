package cn.onestop.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static cn.onestop.bench.Report.n;

/** The report's Markdown: the targets table, every load run, the JMH results, the machine and settings. */
final class Markdown {
    private final Report r;
    private final StringBuilder out = new StringBuilder();

    Markdown(Report r) {
        this.r = r;
    }

    String render() {
        JsonNode load = r.load();
        int c = r.callers();
        out.append("# OneStop benchmark report\n\n");
        out.append("By `benchmarks/run-all`, everything in one run on one machine: ").append(r.machineLine())
                .append(". The load generator, the gateway and the database share its cores.\n\n");
        targets(c);
        runs();
        jmh();
        settings();
        return out.toString();
    }

    private void targets(int c) {
        JsonNode settle = r.run("settle", c);
        JsonNode raw = r.run("raw_commit", c);
        JsonNode pre = r.run("presettle", 0);
        JsonNode echo = r.run("echo", 0);
        JsonNode half = r.run("presettle_half_load", 0);
        JsonNode contended = r.run("settle_contended", 0);
        double split20 = r.score("split", "20");
        double split500 = r.score("split", "500");
        double sum500 = r.score("baselineSumLines", "500");
        double sum20 = r.score("baselineSumLines", "20");
        double heap = r.load().path("heap_peak_used_bytes").asDouble() / (1 << 20);
        double heapMax = r.load().path("heap_max_bytes").asDouble() / (1 << 20);
        out.append("## Each figure beside its baseline\n\n");
        out.append("| measurement | figure | baseline, same run | ratio | target | met |\n|---|---:|---|---:|---|---|\n");
        double sr = settle.path("per_s").asDouble() / raw.path("per_s").asDouble();
        row("`Settle`, " + c + " callers (per s)", n(settle.path("per_s").asDouble()),
                "raw one-row INSERT + COMMIT, " + c + " callers: " + n(raw.path("per_s").asDouble()) + "/s",
                pct(sr), "≥ 100% of the raw commit", sr >= 1);
        for (JsonNode s : r.load().path("runs")) {
            if (s.path("kind").asText().equals("settle") && s.path("callers").asInt() != c
                    && isComparison(s.path("callers").asInt())) {
                JsonNode b = r.run("raw_commit", s.path("callers").asInt());
                double x = s.path("per_s").asDouble() / b.path("per_s").asDouble();
                row("`Settle`, " + s.path("callers").asInt() + " callers (per s)", n(s.path("per_s").asDouble()),
                        "raw commit, " + s.path("callers").asInt() + " callers: " + n(b.path("per_s").asDouble()) + "/s",
                        pct(x), "≥ 100%", x >= 1);
            }
        }
        double p99 = settle.path("p99_ms").asDouble();
        row("`Settle` p99, " + c + " callers (ms)", n(p99), "raw commit p99: " + n(raw.path("p99_ms").asDouble()) + " ms",
                "", "≤ 20 ms", p99 <= 20);
        row("`Settle`, contended: " + contended.path("callers").asInt() + " callers on "
                + r.load().path("settings").path("contended_persons").asInt() + " persons (per s)",
                n(contended.path("per_s").asDouble()), "`Settle` uncontended at " + c + " callers: "
                        + n(settle.path("per_s").asDouble()) + "/s",
                pct(contended.path("per_s").asDouble() / settle.path("per_s").asDouble()), "—", null);
        double pe = pre.path("per_s").asDouble() / echo.path("per_s").asDouble();
        row("`PreSettle`, peak (per s, at " + pre.path("callers").asInt() + " callers)", n(pre.path("per_s").asDouble()),
                "echo peak (" + echo.path("callers").asInt() + " callers): " + n(echo.path("per_s").asDouble()) + "/s",
                pct(pe), "≥ 50% of the echo", pe >= 0.5);
        double hp = half.path("p99_ms").asDouble();
        row("`PreSettle` p99 at half of peak (" + n(half.path("rate").asDouble()) + "/s) (ms)", n(hp),
                "p50 " + n(half.path("p50_ms").asDouble()) + " ms, p99.9 " + n(half.path("p999_ms").asDouble()) + " ms",
                "", "≤ 2 ms", hp <= 2);
        row("split, 20 lines (per s, one core)", n(split20), "summing loop, 20 lines: " + n(sum20) + "/s", "",
                "≥ 1,000,000/s", split20 >= 1_000_000);
        double x500 = sum500 / split500;
        row("split, 500 lines (per s, one core)", n(split500), "summing loop, 500 lines: " + n(sum500) + "/s",
                String.format(Locale.ROOT, "%.2f× the time", x500), "within 3×", x500 <= 3);
        row("gateway heap, peak used at load (MB)", n(heap), "after GC at most " + n(r.load()
                .path("heap_peak_after_gc_bytes").asDouble() / (1 << 20)) + " MB; max heap " + n(heapMax) + " MB", "",
                "< 256 MB", heap < 256);
        JsonNode audit = r.load().path("audit");
        row("ledger audit afterwards", audit.path("ok").asBoolean() ? "clean" : "NOT CLEAN",
                n(audit.path("settlements").asDouble()) + " settlements re-split, " + n(audit.path("audit_rows")
                        .asDouble()) + " trail rows", "", "clean", audit.path("ok").asBoolean());
        out.append('\n');
    }

    private boolean isComparison(int callers) {
        for (JsonNode n : r.load().path("comparison_callers")) {
            if (n.asInt() == callers) {
                return true;
            }
        }
        return false;
    }

    private void runs() {
        out.append("## Every load run\n\n");
        out.append("Closed loop (each caller sends its next call when the last is answered), except the half-load run "
                + "(a fixed schedule; latency counted from the scheduled start). Per answer: the database's statements "
                + "(`Questions`), commits and fsyncs, and the CPU time of each process (`/proc`).\n\n");
        out.append("| run | callers | per s | p50 ms | p99 ms | p99.9 ms | max ms | statements | commits | "
                + "settlements / commit | CPU ms gateway | CPU ms database | CPU ms load gen. | failed |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode s : r.load().path("runs")) {
            JsonNode p = s.path("per_answer");
            out.append("| ").append(s.path("name").asText()).append(" | ").append(s.path("callers").asInt())
                    .append(" | ").append(n(s.path("per_s").asDouble())).append(" | ").append(n(s.path("p50_ms").asDouble()))
                    .append(" | ").append(n(s.path("p99_ms").asDouble())).append(" | ")
                    .append(n(s.path("p999_ms").asDouble())).append(" | ").append(n(s.path("max_ms").asDouble()))
                    .append(" | ").append(n(p.path("statements").asDouble())).append(" | ")
                    .append(n(p.path("commits").asDouble())).append(" | ")
                    .append(s.path("kind").asText().startsWith("settle") ? n(p.path("settlements_per_commit").asDouble()) : "")
                    .append(" | ").append(n(p.path("gateway_cpu_ms").asDouble())).append(" | ")
                    .append(n(p.path("database_cpu_ms").asDouble())).append(" | ")
                    .append(n(p.path("load_generator_cpu_ms").asDouble())).append(" | ")
                    .append(s.path("failed").isEmpty() ? "" : s.path("failed").toString().replace("|", "/"))
                    .append(" |\n");
        }
        out.append("\n![latency against throughput](latency-throughput.png)\n\n");
    }

    private void jmh() {
        out.append("## JMH (one thread, so per core)\n\n");
        out.append("| benchmark | per s | ± (99.9%) | allocated per op | baseline | baseline per s | "
                + "baseline allocated | time ÷ baseline |\n|---|---:|---:|---:|---|---:|---:|---:|\n");
        List<String[]> pairs = new ArrayList<>(List.of(
                new String[] {"split, 20 lines", "split", "20", "summing loop", "baselineSumLines"},
                new String[] {"split, 500 lines", "split", "500", "summing loop", "baselineSumLines"},
                new String[] {"split, 500 lines in category order (predictable branches)", "splitSortedByCategory",
                        "500", "summing loop", "baselineSumLines"},
                new String[] {"the line loop alone, 500 lines (a switch on the category, as the engine)", "LineLoopBenchmark.switchLoop",
                        null, "summing loop", "LineLoopBenchmark.baselineSumLines"},
                new String[] {"the line loop alone, 500 lines, without a branch (a ratio table)", "LineLoopBenchmark.tableLoop", null,
                        "summing loop", "LineLoopBenchmark.baselineSumLines"},
                new String[] {"request → command (20 lines)", "requestToCommand", null, "plain copy of the fields",
                        "baselineCopyRequest"},
                new String[] {"settlement → response", "settledToResponse", null, "copy of the response message",
                        "baselineCopyResponse"},
                new String[] {"rule-table lookup (`RuleBook.find`)", "ruleBookFind", null, "`ConcurrentHashMap.get`",
                        "baselineConcurrentHashMapGet"}));
        for (String[] p : pairs) {
            double a = r.score(p[1], p[2]);
            double b = r.score(p[4], p[2]);
            out.append("| ").append(p[0]).append(" | ").append(n(a)).append(" | ").append(n(r.error(p[1], p[2])))
                    .append(" | ").append(bytes(r.alloc(p[1], p[2]))).append(" | ").append(p[3]).append(" | ")
                    .append(n(b)).append(" | ").append(bytes(r.alloc(p[4], p[2]))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f×", b / a)).append(" |\n");
        }
        out.append('\n');
    }

    private void settings() {
        out.append("## Settings\n\n");
        JsonNode s = r.load().path("settings");
        out.append("- gateway: `java -jar target/onestop.jar serve`, its own process");
        if (!s.path("gateway_jvm").asText().isEmpty()) {
            out.append(" (JVM options `").append(s.path("gateway_jvm").asText()).append("`)");
        }
        out.append("; ").append(r.load().path("gateway_threads").asInt()).append(" workers, database pool ")
                .append(r.load().path("gateway_db_pool").asInt()).append("; ").append(s.path("transport").asText())
                .append('\n');
        var it = s.fields();
        StringBuilder set = new StringBuilder();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().contains(".") && !e.getKey().startsWith("db.")) {
                set.append(set.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append('=')
                        .append(e.getValue().asText()).append('`');
            }
        }
        out.append("- gateway settings: ").append(set.length() == 0 ? "defaults" : set + ", the rest default")
                .append(" (`batch.*`: ").append(r.load().path("batching").asText("defaults")).append(")\n");
        out.append("- database: the embedded MariaDB, `innodb_flush_log_at_trx_commit=1`, a fresh database per run\n");
        out.append("- load: ").append(s.path("persons").asInt()).append(" persons enrolled through the import; ")
                .append(r.load().path("mix").asText()).append('\n');
        out.append("- each run: ").append(n(s.path("warmup_per_run").asDouble())).append(" s warm-up, then ")
                .append(n(s.path("seconds_per_run").asDouble())).append(" s measured\n");
    }

    private void row(String what, String figure, String baseline, String ratio, String target, Boolean met) {
        out.append("| ").append(what).append(" | ").append(figure).append(" | ").append(baseline).append(" | ")
                .append(ratio).append(" | ").append(target).append(" | ")
                .append(met == null ? "" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String pct(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "—" : b < 1 ? "0 B" : b < 10_000 ? String.format(Locale.ROOT, "%.0f B", b)
                : String.format(Locale.ROOT, "%.1f KB", b / 1024);
    }
}

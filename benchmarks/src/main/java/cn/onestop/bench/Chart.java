package cn.onestop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency-throughput chart of a load run: for each kind of call, one point per concurrency
 * (labelled with its number of callers), answers per second across, latency up (log scale); p99
 * solid, p50 dashed; each kind beside its baseline (Settle beside the raw commit, PreSettle beside
 * the echo).
 */
final class Chart {
    private Chart() {
    }

    private record Kind(String key, String label, Color color) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("raw_commit", "raw one-row INSERT + COMMIT (baseline)", new Color(0x80, 0x80, 0x80)),
            new Kind("settle", "Settle", new Color(0xc0, 0x39, 0x2b)),
            new Kind("echo", "Echo, same messages and path (baseline)", new Color(0x27, 0x80, 0xb0)),
            new Kind("presettle", "PreSettle", new Color(0x1e, 0x8b, 0x4c)));

    static void write(JsonNode load, Path png, String subtitle) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colors = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (Kind k : KINDS) {
            for (String pct : List.of("p99_ms", "p50_ms")) {
                XYSeries s = new XYSeries(k.label() + (pct.equals("p99_ms") ? ", p99" : ", p50"), false, true);
                for (JsonNode r : load.path("runs")) {
                    if (r.path("kind").asText().equals(k.key()) && r.path("per_s").asDouble() > 0) {
                        s.add(r.path("per_s").asDouble(), Math.max(0.01, r.path(pct).asDouble()));
                    }
                }
                if (!s.isEmpty()) {
                    data.addSeries(s);
                    colors.add(k.color());
                    dashed.add(pct.equals("p50_ms"));
                }
            }
        }
        NumberAxis x = new NumberAxis("answers per second (all callers together)");
        x.setAutoRangeIncludesZero(true);
        LogAxis y = new LogAxis("latency, ms (log scale)");
        y.setNumberFormatOverride(new DecimalFormat("0.##"));
        y.setSmallestValue(0.01);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colors.size(); i++) {
            r.setSeriesPaint(i, colors.get(i));
            r.setSeriesStroke(i, dashed.get(i) ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {5f, 4f}, 0f) : new BasicStroke(2.2f));
        }
        r.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{2}", new DecimalFormat("0"),
                new DecimalFormat("0.##")) {
            @Override
            public String generateLabel(org.jfree.data.xy.XYDataset d, int series, int item) {
                return callersAt(load, d.getSeriesKey(series).toString(), d.getXValue(series, item));
            }
        });
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart("OneStop gateway: latency against throughput",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.addSubtitle(new TextTitle(subtitle + "  —  points labelled with their number of callers",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 650);
    }

    /** The callers of the run of a series' kind whose rate is {@code perSecond} (for the point's label). */
    private static String callersAt(JsonNode load, String series, double perSecond) {
        for (Kind k : KINDS) {
            if (series.startsWith(k.label() + ",")) {
                for (JsonNode r : load.path("runs")) {
                    if (r.path("kind").asText().equals(k.key()) && r.path("per_s").asDouble() == perSecond) {
                        return series.endsWith("p99") ? r.path("callers").asText() : "";
                    }
                }
            }
        }
        return "";
    }
}

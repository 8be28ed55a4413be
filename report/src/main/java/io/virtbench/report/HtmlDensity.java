package io.virtbench.report;

import static io.virtbench.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.result.ResultFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The density section of the HTML report, from a {@code suite --on oci:RUNTIME --guests N,...}
 * density.json: per platform, N and step each guest's figure, the minimum, the sum, P(N)/P(1) per
 * guest and Jain's fairness index; and, for a sweep, the degradation curve: N on x, the guests'
 * mean P(N)/P(1) on y, one line per platform and step (1 = as fast as one guest alone).
 */
final class HtmlDensity {
    private HtmlDensity() {
    }

    /** One row of density.json (the suite's Density record, as written). */
    record Row(String platform, int guests, String step, String metric, String unit, boolean higherIsBetter,
               List<Double> values, double min, double sum, List<Double> vsOne, double jain) {

        /** The guests' mean P(N)/P(1), or null without P(1). */
        Double meanVsOne() {
            return vsOne == null || vsOne.isEmpty() ? null : vsOne.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    /** The rows of a density.json; a file that cannot be read is one warning line and no rows. */
    static List<Row> read(Path file, PrintStream warn) {
        try {
            JsonNode root = ResultFiles.mapper().readTree(file.toFile());
            JsonNode rows = root == null ? null : root.get("rows");
            if (rows == null || !rows.isArray()) {
                warn.println("virtbench: " + file + " holds no density rows; the report has no density section");
                return List.of();
            }
            List<Row> out = new ArrayList<>();
            for (JsonNode r : rows) {
                out.add(new Row(r.path("platform").asText(), r.path("guests").asInt(), r.path("step").asText(),
                        r.path("metric").asText(), r.path("unit").asText(""), r.path("higherIsBetter").asBoolean(true),
                        numbers(r.get("values")), number(r.get("min")), number(r.get("sum")),
                        r.hasNonNull("vsOne") ? numbers(r.get("vsOne")) : null, number(r.get("jain"))));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            warn.println("virtbench: cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); the report has no density section");
            return List.of();
        }
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static List<Double> numbers(JsonNode a) {
        List<Double> out = new ArrayList<>();
        if (a != null) {
            a.forEach(n -> out.add(number(n)));
        }
        return out;
    }

    /** The section's HTML; empty without rows. {@code warn} gets a line when the chart cannot be drawn. */
    static String section(List<Row> rows, PrintStream warn) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<h2 id=\"density\">Density and noisy neighbours</h2>\n<p class=\"meta\">N identical guests of a platform ")
                .append("ran each step at once (the host's clients against each guest's own servers at once). Each guest's ")
                .append("figure (the mean over its runs), the minimum, the sum, each guest's figure over the figure of one ")
                .append("guest alone (P(N)/P(1)) and Jain's fairness index, (&Sigma;x)&sup2; / (n &Sigma;x&sup2;): 1 when ")
                .append("every guest got the same, 1/n when one got everything.</p>\n");
        table(rows, b);
        if (curves(rows).size() > 0) {
            try {
                HtmlReport.figure(b, "density", "density-degradation.svg", chart(rows, "chart-density"));
            } catch (RuntimeException | LinkageError e) {
                warn.println("virtbench: cannot draw the density chart: " + e);
            }
        }
        return b.toString();
    }

    private static void table(List<Row> rows, StringBuilder b) {
        b.append("<div class=\"scroll\"><table class=\"density\">\n<thead><tr><th>platform</th><th>N</th><th>step</th>")
                .append("<th>metric</th><th>each guest</th><th>min</th><th>sum</th><th>P(N)/P(1) per guest</th>")
                .append("<th>Jain</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            b.append("<tr><td>").append(esc(r.platform())).append("</td><td class=\"num\">").append(r.guests())
                    .append("</td><td>").append(esc(r.step())).append("</td><td>").append(esc(r.metric()))
                    .append(r.unit().isEmpty() ? "" : " (" + esc(r.unit()) + ")")
                    .append(r.higherIsBetter() ? "" : ", lower is better").append("</td><td class=\"num\">")
                    .append(join(r.values(), "%.3f")).append("</td><td class=\"num\">").append(fmt(r.min(), "%.3f"))
                    .append("</td><td class=\"num\">").append(fmt(r.sum(), "%.3f")).append("</td><td class=\"num\">")
                    .append(r.vsOne() == null ? "-" : join(r.vsOne(), "%.2f")).append("</td><td class=\"num\">")
                    .append(fmt(r.jain(), "%.3f")).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    private static String join(List<Double> v, String format) {
        return String.join(" ", v.stream().map(x -> fmt(x, format)).toList());
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    /** Per platform and step, N to the guests' mean P(N)/P(1); only the lines with two points or more. */
    static Map<String, TreeMap<Integer, Double>> curves(List<Row> rows) {
        Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
        for (Row r : rows) {
            Double y = r.meanVsOne();
            if (y != null) {
                lines.computeIfAbsent(r.platform() + " " + r.step(), k -> new TreeMap<>()).put(r.guests(), y);
            }
        }
        lines.values().removeIf(m -> m.size() < 2);
        return lines;
    }

    private static String chart(List<Row> rows, String id) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> platforms = rows.stream().map(Row::platform).distinct().toList();
        List<String> steps = rows.stream().map(Row::step).distinct().toList();
        List<Row> seriesRow = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, Double>> e : curves(rows).entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            e.getValue().forEach(s::add);
            data.addSeries(s);
            seriesRow.add(rows.stream().filter(r -> e.getKey().equals(r.platform() + " " + r.step())).findFirst().orElseThrow());
        }
        NumberAxis x = new NumberAxis("guests at once (N)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("P(N)/P(1), guests' mean");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        float[][] dashes = {null, {6f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};
        // a colour per step, a dash pattern per platform
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesPaint(i, Charts.colour(seriesRow.get(i).step(), steps));
            float[] dash = dashes[platforms.indexOf(seriesRow.get(i).platform()) % dashes.length];
            lines.setSeriesStroke(i, dash == null ? new BasicStroke(2.5f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            lines.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(Charts.GRID);
        plot.setDomainGridlinesVisible(false);
        for (NumberAxis a : List.of(x, y)) {
            a.setLabelFont(Charts.LABEL);
            a.setTickLabelFont(Charts.TICK);
        }
        plot.addRangeMarker(new ValueMarker(1, Color.BLACK, new BasicStroke(1f)));
        JFreeChart chart = new JFreeChart("Degradation with N guests", Charts.TITLE, plot, true);
        chart.addSubtitle(new TextTitle("each guest's figure / one guest's alone, mean over the N guests; 1 = no slowdown",
                Charts.SUBTITLE));
        Charts.legend(chart);
        return Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT);
    }
}

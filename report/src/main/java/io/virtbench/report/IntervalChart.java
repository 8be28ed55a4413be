package io.virtbench.report;

import io.virtbench.core.result.Interval;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Run;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The interval reports of a feature's runs (iperf3's per-second rates, sysbench's per-second
 * transactions) as one thin line per run, coloured by platform: a stall inside a run shows as a
 * dip that its mean hides. For a sweep, the runs at its highest level.
 */
final class IntervalChart {
    /** More lines than this are not readable; the first runs of each platform are kept. */
    static final int MAX_SERIES = 40;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    private IntervalChart() {
    }

    /** The runs to draw, or an empty list when fewer than one run has two intervals. */
    static List<Run> runs(FeatureResult fr) {
        String top = fr.levelOrder().isEmpty() ? null : fr.levelOrder().get(fr.levelOrder().size() - 1);
        Map<String, List<Run>> byPlatform = new LinkedHashMap<>();
        for (Run r : fr.runs()) {
            if (r.result().intervals().size() >= 2 && (top == null || top.equals(r.level()))) {
                byPlatform.computeIfAbsent(r.platform(), k -> new ArrayList<>()).add(r);
            }
        }
        int each = byPlatform.isEmpty() ? 0 : Math.max(1, MAX_SERIES / byPlatform.size());
        List<Run> out = new ArrayList<>();
        byPlatform.values().forEach(list -> out.addAll(list.subList(0, Math.min(each, list.size()))));
        return out;
    }

    /** The feature's own metric if the intervals carry it, else the first rate (per second), else null. */
    static String key(Feature f, java.util.Set<String> names) {
        if (names.contains(f.metric())) {
            return f.metric();
        }
        return names.stream().filter(n -> n.endsWith("per_second")).findFirst().orElse(null);
    }

    static String svg(FeatureResult fr, List<Run> runs, List<String> platforms, String id) {
        XYSeriesCollection data = new XYSeriesCollection();
        String key = null;
        List<Color> colours = new ArrayList<>();
        for (Run r : runs) {
            List<Interval> in = r.result().intervals();
            String k = key(fr.feature(), in.get(0).values().keySet());
            if (k == null) {
                continue;
            }
            key = key == null ? k : key;
            XYSeries s = new XYSeries(r.platform() + " " + (r.source() == null ? data.getSeriesCount() : r.source())
                    + " #" + data.getSeriesCount(), false, true);
            for (Interval i : in) {
                Double v = i.values().get(key);
                if (v != null) {
                    s.add(i.time(), v);
                }
            }
            data.addSeries(s);
            colours.add(Charts.colour(r.platform(), platforms));
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colours.size(); i++) {
            lines.setSeriesPaint(i, colours.get(i));
            lines.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        NumberAxis x = new NumberAxis("time in the run (s)");
        NumberAxis y = new NumberAxis(key);
        for (NumberAxis a : List.of(x, y)) {
            a.setLabelFont(TICK);
            a.setTickLabelFont(TICK);
        }
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xD0, 0xD0, 0xD0));
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(fr.feature().title() + ": intervals", TITLE, plot, false);
        String level = fr.levelOrder().isEmpty() ? "" : " at " + fr.feature().sweep() + " "
                + fr.levelOrder().get(fr.levelOrder().size() - 1);
        chart.addSubtitle(new TextTitle(key + " per interval, one line per run" + level + "; a dip is a stall", SUBTITLE));
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g = new SVGGraphics2D(Charts.WIDTH, Charts.HEIGHT);
        g.setDefsKeyPrefix(id + "_");
        chart.draw(g, new Rectangle2D.Double(0, 0, Charts.WIDTH, Charts.HEIGHT));
        return g.getSVGElement(id, true, new ViewBox(0, 0, Charts.WIDTH, Charts.HEIGHT), null, null);
    }
}

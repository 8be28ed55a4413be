package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Row;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The study's charts, drawn with JFreeChart and written as inline SVG by JFreeSVG: a bar of
 * the mean with a standard-deviation whisker per platform, and lines of the mean against the
 * sweep level (threads, concurrency), one line per platform. Each platform keeps its colour in
 * every chart.
 */
final class Charts {
    /** Drawn at 600 x 380 with large type: scaled to a 390 px phone the tick labels stay about 9 px high. */
    static final int WIDTH = 600;
    static final int HEIGHT = 380;

    /** Colour-blind-safe palette (Okabe-Ito), in the study's platform order. */
    private static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
            new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00)};
    static final Color GRID = new Color(0xD0, 0xD0, 0xD0);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    private Charts() {
    }

    static Color colour(String platform, List<String> platforms) {
        int i = platforms.indexOf(platform);
        return PALETTE[Math.floorMod(i < 0 ? platform.hashCode() : i, PALETTE.length)];
    }

    /** Bars of the mean with standard-deviation whiskers, one per platform and group of comparable runs. */
    static String bar(FeatureResult fr, List<String> platforms, String id) {
        Feature f = fr.feature();
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<Row> shown = platforms.stream().flatMap(p -> fr.rows(p).stream()).toList();
        for (Row r : shown) {
            data.add(r.mean(), r.stddev() == null ? 0 : r.stddev(), f.title(), r.label());
        }
        CategoryAxis x = new CategoryAxis(null);
        x.setMaximumCategoryLabelLines(3);
        NumberAxis y = new NumberAxis(fr.unit());
        StatisticalBarRenderer bars = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return colour(shown.get(column).platform(), platforms);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setErrorIndicatorPaint(Color.BLACK);
        bars.setErrorIndicatorStroke(new BasicStroke(1.5f));
        bars.setMaximumBarWidth(0.14);
        bars.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        style(plot);
        JFreeChart chart = new JFreeChart(f.title(), TITLE, plot, false);
        chart.addSubtitle(new TextTitle("mean ± standard deviation; " + f.direction(), SUBTITLE));
        return svg(chart, id, WIDTH, HEIGHT);
    }

    /**
     * Lines of the mean against the sweep level, one per platform (and group), with
     * standard-deviation error bars. The levels are categories labelled with their real values
     * (10, 30, 60...), evenly spaced and never read as a linear scale.
     */
    static String line(FeatureResult fr, List<String> platforms, String id) {
        Feature f = fr.feature();
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<Row> shown = platforms.stream().flatMap(p -> fr.rows(p).stream()).toList();
        for (Row series : shown) {
            for (String level : fr.levelOrder()) {
                fr.levels().stream().filter(r -> r.label().equals(series.label()) && r.level().equals(level)).findFirst()
                        .ifPresent(r -> data.add(r.mean(), r.stddev() == null ? 0 : r.stddev(), series.label(), level));
            }
        }
        CategoryAxis x = new CategoryAxis(f.sweep() + " (categories: the levels run)");
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        NumberAxis y = new NumberAxis(fr.unit());
        y.setAutoRangeIncludesZero(true);
        StatisticalLineAndShapeRenderer lines = new StatisticalLineAndShapeRenderer(true, true);
        for (int i = 0; i < shown.size(); i++) {
            Color c = colour(shown.get(i).platform(), platforms);
            lines.setSeriesPaint(i, c);
            lines.setSeriesStroke(i, shown.get(i).primary() ? new BasicStroke(2.5f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            lines.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        lines.setErrorIndicatorPaint(null);
        lines.setErrorIndicatorStroke(new BasicStroke(1.5f));
        CategoryPlot plot = new CategoryPlot(data, x, y, lines);
        style(plot);
        JFreeChart chart = new JFreeChart(f.title(), TITLE, plot, true);
        chart.addSubtitle(new TextTitle("mean ± standard deviation per " + f.sweep() + " level; " + f.direction(), SUBTITLE));
        legend(chart);
        return svg(chart, id, WIDTH, HEIGHT);
    }

    /**
     * Every platform's ratio to the baseline per feature (scored groups), with the 100 % line:
     * the figure of the DESMET scores at a glance.
     */
    static String ratio(Comparison.Report r, String id) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> others = r.platforms().stream().filter(p -> !p.equals(r.baseline())).toList();
        List<String> features = new java.util.ArrayList<>();
        for (FeatureResult fr : r.features()) {
            if (!fr.feature().level().study()) {
                continue; // beyond the study, ratios run to 50x and more: they would flatten the study's bars
            }
            boolean any = false;
            for (String p : others) {
                Row row = fr.row(p);
                if (row != null && row.ratio() != null) {
                    data.addValue(row.ratio() * 100, p, fr.feature().title());
                    any = true;
                }
            }
            if (any) {
                features.add(fr.feature().title());
            }
        }
        CategoryAxis x = new CategoryAxis(null);
        NumberAxis y = new NumberAxis("% of " + r.baseline());
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            bars.setSeriesPaint(i, colour((String) data.getRowKey(i), r.platforms()));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        style(plot);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        ValueMarker hundred = new ValueMarker(100, Color.BLACK, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        hundred.setLabel("100 % = " + r.baseline());
        hundred.setLabelFont(TICK);
        hundred.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        hundred.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(hundred);
        JFreeChart chart = new JFreeChart("Ratio to " + r.baseline(), TITLE, plot, true);
        chart.addSubtitle(new TextTitle("mean / " + r.baseline() + "'s mean, per feature", SUBTITLE));
        legend(chart);
        int height = Math.max(HEIGHT, 140 + features.size() * (14 * Math.max(1, others.size()) + 14));
        return svg(chart, id, WIDTH, height);
    }

    static void legend(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(TICK);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }

    private static void style(CategoryPlot plot) {
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setDomainGridlinesVisible(false);
        plot.getDomainAxis().setLabelFont(LABEL);
        plot.getDomainAxis().setTickLabelFont(TICK);
        plot.getRangeAxis().setLabelFont(LABEL);
        plot.getRangeAxis().setTickLabelFont(TICK);
    }

    static String svg(JFreeChart chart, String id, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "_"); // unique clip-path ids when many charts share one page
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}

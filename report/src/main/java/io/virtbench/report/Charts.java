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
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
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
    static final int WIDTH = 720;
    static final int HEIGHT = 380;

    /** Colour-blind-safe palette (Okabe-Ito), in the study's platform order. */
    private static final Color[] PALETTE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
            new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00)};
    private static final Color GRID = new Color(0xD0, 0xD0, 0xD0);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {
    }

    static Color colour(String platform, List<String> platforms) {
        int i = platforms.indexOf(platform);
        return PALETTE[Math.floorMod(i < 0 ? platform.hashCode() : i, PALETTE.length)];
    }

    /** Bars of the mean with standard-deviation whiskers, one per platform that has results. */
    static String bar(FeatureResult fr, List<String> platforms, String id) {
        Feature f = fr.feature();
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<String> shown = platforms.stream().filter(p -> fr.row(p) != null).toList();
        for (String p : shown) {
            Row r = fr.row(p);
            data.add(r.mean(), r.stddev() == null ? 0 : r.stddev(), f.title(), p);
        }
        CategoryAxis x = new CategoryAxis(null);
        NumberAxis y = new NumberAxis(f.unit());
        StatisticalBarRenderer bars = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return colour(shown.get(column), platforms);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setErrorIndicatorPaint(Color.BLACK);
        bars.setErrorIndicatorStroke(new BasicStroke(1.2f));
        bars.setMaximumBarWidth(0.12);
        bars.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        style(plot);
        JFreeChart chart = new JFreeChart(f.title(), TITLE, plot, false);
        chart.addSubtitle(new TextTitle("mean ± standard deviation per platform; " + f.direction(), SUBTITLE));
        return svg(chart, id);
    }

    /** Lines of the mean against the sweep level, one per platform. */
    static String line(FeatureResult fr, List<String> platforms, String id) {
        Feature f = fr.feature();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> shown = platforms.stream().filter(p -> fr.row(p) != null).toList();
        for (String p : shown) {
            for (String level : fr.levelOrder()) {
                Row r = fr.row(p, level);
                if (r != null) {
                    data.addValue(r.mean(), p, level);
                }
            }
        }
        CategoryAxis x = new CategoryAxis(f.sweep());
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        NumberAxis y = new NumberAxis(f.unit());
        y.setAutoRangeIncludesZero(true);
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < shown.size(); i++) {
            lines.setSeriesPaint(i, colour(shown.get(i), platforms));
            lines.setSeriesStroke(i, new BasicStroke(2f));
            lines.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, lines);
        style(plot);
        JFreeChart chart = new JFreeChart(f.title(), TITLE, plot, true);
        chart.addSubtitle(new TextTitle("mean per " + f.sweep() + " level and platform; " + f.direction(), SUBTITLE));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return svg(chart, id);
    }

    private static void style(CategoryPlot plot) {
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setDomainGridlinesVisible(false);
    }

    private static String svg(JFreeChart chart, String id) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix(id + "_"); // unique clip-path ids when many charts share one page
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement(id, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }
}

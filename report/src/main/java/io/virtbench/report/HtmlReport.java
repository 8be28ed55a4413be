package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Total;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one self-contained HTML page: warnings, the score table, the ratio chart,
 * the hosts, how the scores are made, and per feature its chart (inline SVG, downloadable) and
 * tables. It loads nothing from anywhere (no external scripts, styles, fonts or images), so it
 * works offline and can be mailed around; it fits a 390 px phone and prints.
 *
 * <p>A tiny inline script checks the page where it is shown ({@link HtmlAssets#SELF_CHECK}); the
 * build's headless-browser test reads what it finds on the {@code <html>} element.
 */
public final class HtmlReport {
    private static final java.util.List<Feature.Level> STUDY_LEVELS = java.util.List.of(Feature.Level.LOW, Feature.Level.HIGH);

    private HtmlReport() {
    }

    /** Writes the page; {@code warn} gets one line per chart that could not be drawn. */
    public static void print(Report r, PrintStream out, PrintStream warn, String generator) {
        print(r, out, warn, generator, "");
    }

    /** As {@link #print(Report, PrintStream, PrintStream, String)}, with {@code density} (HTML) after the ratio chart. */
    static void print(Report r, PrintStream out, PrintStream warn, String generator, String density) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>virtbench report: ").append(esc(String.join(", ", r.platforms()))).append("</title>\n")
                .append("<style>\n").append(HtmlAssets.CSS).append("</style>\n")
                .append("<script>\n").append(HtmlAssets.ERROR_CAPTURE).append("</script>\n")
                .append("</head>\n<body>\n");
        b.append("<h1>virtbench report</h1>\n<p class=\"meta\">").append(r.results()).append(" results from ")
                .append(r.platforms().size()).append(" platforms (").append(esc(String.join(", ", r.platforms())))
                .append("); baseline <b>").append(esc(r.baseline())).append("</b>; scheme: ").append(esc(r.scheme()))
                .append(".</p>\n");
        for (String w : r.warnings()) {
            b.append("<p class=\"warning\">Warning: ").append(esc(w)).append("</p>\n");
        }
        scores(r, b);
        BeyondTable.html(r, b);
        ratio(r, b, warn);
        b.append(density);
        hosts(r, b);
        b.append("<details class=\"explain\" open><summary>How to read this report</summary>\n<ul>\n");
        for (String line : Explain.lines(r).subList(1, Explain.lines(r).size())) {
            b.append("<li>").append(esc(line.substring(2))).append("</li>\n");
        }
        b.append("</ul>\n</details>\n<h2>Features</h2>\n");
        int index = 0;
        for (FeatureResult fr : r.features()) {
            HtmlFeature.section(fr, r, b, ++index, warn);
        }
        if (!r.unmatched().isEmpty()) {
            b.append("<p class=\"meta\">Results no feature reads: ");
            int i = 0;
            for (Map.Entry<String, Integer> e : r.unmatched().entrySet()) {
                b.append(i++ > 0 ? ", " : "").append(esc(e.getKey())).append(" (").append(e.getValue()).append(')');
            }
            b.append(".</p>\n");
        }
        b.append("<footer>").append(esc(generator)).append(", ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC</footer>\n");
        b.append("<script>\n").append(HtmlAssets.DOWNLOAD).append("</script>\n<script>\n").append(HtmlAssets.SELF_CHECK)
                .append("</script>\n</body>\n</html>\n");
        out.print(b);
        out.flush();
    }

    /** A chart with its SVG download button. */
    static void figure(StringBuilder b, String feature, String fileName, String svg) {
        b.append("<figure class=\"chart\" data-feature=\"").append(esc(feature)).append("\">\n").append(svg)
                .append("\n<figcaption><button type=\"button\" class=\"dl\" data-file=\"").append(esc(fileName))
                .append("\">Download SVG</button></figcaption>\n</figure>\n");
    }

    private static void ratio(Report r, StringBuilder b, PrintStream warn) {
        if (r.platforms().size() < 2) {
            return;
        }
        try {
            figure(b, "ratio", "ratio-to-" + r.baseline() + ".svg", Charts.ratio(r, "chart-ratio"));
        } catch (RuntimeException | LinkageError e) {
            warn.println("virtbench: cannot draw the ratio chart: " + e);
        }
    }

    private static void hosts(Report r, StringBuilder b) {
        b.append("<h2>Hosts</h2>\n<p class=\"meta\">As the result files record them.</p>\n<ul class=\"hosts\">\n");
        for (HostFacts h : r.hosts()) {
            b.append("<li><b>").append(esc(h.platform())).append("</b>: ").append(esc(h.describe())).append(" (")
                    .append(h.results()).append(" results)</li>\n");
        }
        b.append("</ul>\n");
    }

    private static void scores(Report r, StringBuilder b) {
        b.append("<h2>DESMET scores</h2>\n<p class=\"meta\">0 to 4 per feature; \"-\" = no result; \"2 (3)\" = 2, or 3 ")
                .append(r.dropOutliers() ? "with" : "without").append(" outliers.</p>\n")
                .append("<div class=\"scroll\"><table class=\"scores\">\n<thead><tr><th>feature</th><th>level</th>");
        for (String p : r.platforms()) {
            b.append("<th>").append(esc(p)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Feature.Level level : STUDY_LEVELS) {
            for (FeatureResult fr : r.features()) {
                if (fr.feature().level() != level) {
                    continue;
                }
                b.append("<tr><td><a href=\"#f-").append(esc(fr.feature().id())).append("\">").append(esc(fr.feature().title()))
                        .append("</a></td><td>").append(level.name().toLowerCase(Locale.ROOT)).append("</td>");
                for (String p : r.platforms()) {
                    Row row = fr.row(p);
                    Integer s = row == null ? null : row.score();
                    b.append("<td class=\"num s").append(s == null ? "n" : s).append("\">").append(Fmt.score(s))
                            .append(row == null || row.otherScore() == null ? "" : " (" + row.otherScore() + ")").append("</td>");
                }
                b.append("</tr>\n");
            }
        }
        b.append("</tbody>\n<tfoot>\n");
        for (Feature.Level level : STUDY_LEVELS) {
            b.append("<tr><th colspan=\"2\">").append(level == Feature.Level.LOW ? "low-level total" : "high-level total").append("</th>");
            for (String p : r.platforms()) {
                Total t = r.total(p);
                b.append("<td class=\"num\">").append(esc(level == Feature.Level.LOW
                        ? TextReport.total(t.low(), t.lowFeatures(), r, level)
                        : TextReport.total(t.high(), t.highFeatures(), r, level))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tfoot>\n</table></div>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

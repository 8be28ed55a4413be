package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Total;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one self-contained HTML page: the score tables, and per feature its chart
 * (inline SVG) and table. It loads nothing from anywhere (no external scripts, styles, fonts or
 * images), so it works offline and can be mailed around.
 *
 * <p>A tiny inline script checks the page where it is shown: it records script errors and
 * console errors, measures every chart, and sets {@code data-virtbench-check="ok"} (or
 * "failed: ...") on the {@code <html>} element; the build's headless-browser test reads it.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes the page; {@code warn} gets one line per chart that could not be drawn. */
    public static void print(Report r, PrintStream out, PrintStream warn, String generator) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>virtbench report: ").append(esc(String.join(", ", r.platforms()))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n")
                .append("<script>\n").append(ERROR_CAPTURE).append("</script>\n")
                .append("</head>\n<body>\n");
        b.append("<h1>virtbench report</h1>\n<p class=\"meta\">").append(r.results()).append(" results from ")
                .append(r.platforms().size()).append(" platforms (").append(esc(String.join(", ", r.platforms())))
                .append("); baseline <b>").append(esc(r.baseline())).append("</b>; scheme: ").append(esc(r.scheme()))
                .append(".<br>Ratio = platform mean / baseline mean. Significant = Welch's t-test against the baseline, p &lt; ")
                .append(esc(Double.toString(r.alpha()))).append(". Sweeps are summarised as the mean of their per-level means.</p>\n");
        scores(r, b);
        b.append("<h2>Features</h2>\n");
        int index = 0;
        for (FeatureResult fr : r.features()) {
            feature(fr, r, b, ++index, warn);
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
        b.append("<script>\n").append(SELF_CHECK).append("</script>\n</body>\n</html>\n");
        out.print(b);
        out.flush();
    }

    private static void scores(Report r, StringBuilder b) {
        b.append("<h2>DESMET scores</h2>\n<p class=\"meta\">0 to 4 per feature; \"-\" = no result.</p>\n")
                .append("<table class=\"scores\">\n<thead><tr><th>feature</th><th>level</th>");
        for (String p : r.platforms()) {
            b.append("<th>").append(esc(p)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Feature.Level level : Feature.Level.values()) {
            for (FeatureResult fr : r.features()) {
                if (fr.feature().level() != level) {
                    continue;
                }
                b.append("<tr><td><a href=\"#f-").append(esc(fr.feature().id())).append("\">").append(esc(fr.feature().title()))
                        .append("</a></td><td>").append(level.name().toLowerCase(Locale.ROOT)).append("</td>");
                for (String p : r.platforms()) {
                    Row row = fr.row(p);
                    Integer s = row == null ? null : row.score();
                    b.append("<td class=\"num s").append(s == null ? "n" : s).append("\">").append(Fmt.score(s)).append("</td>");
                }
                b.append("</tr>\n");
            }
        }
        b.append("</tbody>\n<tfoot>\n");
        for (Feature.Level level : Feature.Level.values()) {
            b.append("<tr><th colspan=\"2\">").append(level == Feature.Level.LOW ? "low-level total" : "high-level total").append("</th>");
            for (String p : r.platforms()) {
                Total t = r.total(p);
                b.append("<td class=\"num\">").append(esc(level == Feature.Level.LOW
                        ? TextReport.total(t.low(), t.lowFeatures(), r, level)
                        : TextReport.total(t.high(), t.highFeatures(), r, level))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tfoot>\n</table>\n");
    }

    private static void feature(FeatureResult fr, Report r, StringBuilder b, int index, PrintStream warn) {
        Feature f = fr.feature();
        b.append("<section id=\"f-").append(esc(f.id())).append("\">\n<h3>").append(esc(f.title())).append("</h3>\n")
                .append("<p class=\"meta\">").append(esc(f.source())).append(" [").append(esc(f.unit())).append("], ")
                .append(esc(f.direction())).append(", ").append(f.level().name().toLowerCase(Locale.ROOT)).append(" level")
                .append(f.sweep() != null ? "; mean of the means per " + esc(f.sweep()) : "").append("</p>\n");
        if (fr.platforms().isEmpty()) {
            b.append("<p class=\"none\">No results.</p>\n</section>\n");
            return;
        }
        if (f.chart() != Feature.Chart.NONE) {
            String id = "chart-" + index;
            try {
                String svg = f.chart() == Feature.Chart.LINE && f.sweep() != null ? Charts.line(fr, r.platforms(), id)
                        : Charts.bar(fr, r.platforms(), id);
                b.append("<figure class=\"chart\" data-feature=\"").append(esc(f.id())).append("\">\n").append(svg)
                        .append("\n</figure>\n");
            } catch (RuntimeException | LinkageError e) {
                warn.println("virtbench: cannot draw the chart of " + f.id() + ": " + e);
                b.append("<p class=\"none\">Chart unavailable: ").append(esc(e.toString())).append("</p>\n");
            }
        }
        b.append("<table>\n<thead><tr><th>platform</th><th>n</th><th>mean</th><th>stddev</th><th>ratio</th>")
                .append("<th>p-value</th><th>significant</th><th>score</th></tr></thead>\n<tbody>\n");
        for (String p : r.platforms()) {
            Row row = fr.row(p);
            b.append("<tr><td>").append(esc(p)).append("</td>");
            if (row == null) {
                b.append("<td class=\"num\">0</td>").append("<td class=\"num\">-</td>".repeat(6));
            } else {
                cells(b, row.n(), row, true);
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (f.sweep() != null && !fr.levels().isEmpty()) {
            b.append("<details><summary>per ").append(esc(f.sweep())).append(" level</summary>\n<table>\n<thead><tr><th>")
                    .append(esc(f.sweep())).append("</th><th>platform</th><th>n</th><th>mean</th><th>stddev</th>")
                    .append("<th>ratio</th><th>p-value</th><th>significant</th></tr></thead>\n<tbody>\n");
            for (Row row : fr.levels()) {
                b.append("<tr><td class=\"num\">").append(esc(row.level())).append("</td><td>").append(esc(row.platform()))
                        .append("</td>");
                cells(b, row.n(), row, false);
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n</details>\n");
        }
        b.append("</section>\n");
    }

    private static void cells(StringBuilder b, int n, Row row, boolean score) {
        List<String> cells = List.of(Integer.toString(n), Fmt.num(row.mean()), Fmt.num(row.stddev()),
                Fmt.percent(row.ratio()), Fmt.p(row.pValue()), Fmt.yesNo(row.significant()));
        for (String c : cells) {
            b.append("<td class=\"num\">").append(esc(c)).append("</td>");
        }
        if (score) {
            b.append("<td class=\"num s").append(row.score() == null ? "n" : row.score()).append("\">")
                    .append(Fmt.score(row.score())).append("</td>");
        }
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

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 60em;
                   padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            h3 { margin-bottom: 0.2em; }
            .meta { color: #555; font-size: 0.9em; margin-top: 0.2em; }
            .none { color: #888; font-style: italic; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; }
            thead th { border-bottom: 2px solid #999; }
            td.num, tfoot td { text-align: right; font-variant-numeric: tabular-nums; }
            tfoot th, tfoot td { border-top: 2px solid #999; font-weight: bold; }
            .scores td.s4 { background: #c9e8c1; } .scores td.s3 { background: #dcefd3; }
            .scores td.s2 { background: #f3efc6; } .scores td.s1 { background: #f6dcc2; }
            .scores td.s0 { background: #f1c4c4; } .scores td.sn { color: #999; }
            figure.chart { margin: 0.5em 0; }
            figure.chart svg { max-width: 100%; height: auto; display: block; }
            section { margin-bottom: 2em; }
            footer { color: #888; font-size: 0.8em; margin-top: 3em; }
            """;

    /** First thing on the page: remember script errors and console errors. */
    private static final String ERROR_CAPTURE = """
            window.virtbenchErrors = [];
            window.addEventListener('error', function (e) { window.virtbenchErrors.push('error: ' + (e.message || e.type)); }, true);
            window.addEventListener('unhandledrejection', function (e) { window.virtbenchErrors.push('rejection: ' + e.reason); });
            (function () {
              var original = console.error;
              console.error = function () {
                window.virtbenchErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                if (original) { original.apply(console, arguments); }
              };
            })();
            """;

    /** Last thing on the page: is every chart there and visible? */
    private static final String SELF_CHECK = """
            (function () {
              var figures = document.querySelectorAll('figure.chart');
              var visible = 0, problems = [];
              for (var i = 0; i < figures.length; i++) {
                var svg = figures[i].querySelector('svg');
                if (!svg) { problems.push(figures[i].getAttribute('data-feature') + ': no svg'); continue; }
                var box = svg.getBoundingClientRect();
                var style = window.getComputedStyle(svg);
                var drawn = svg.querySelectorAll('rect, path, line, text').length;
                if (box.width > 50 && box.height > 50 && style.display !== 'none' && style.visibility !== 'hidden' && drawn > 10) {
                  visible++;
                  figures[i].setAttribute('data-visible', Math.round(box.width) + 'x' + Math.round(box.height));
                } else {
                  problems.push(figures[i].getAttribute('data-feature') + ': not visible (' + Math.round(box.width) + 'x'
                    + Math.round(box.height) + ', ' + drawn + ' shapes)');
                }
              }
              var root = document.documentElement;
              root.setAttribute('data-charts', String(figures.length));
              root.setAttribute('data-charts-visible', String(visible));
              root.setAttribute('data-errors', String(window.virtbenchErrors.length));
              var all = problems.concat(window.virtbenchErrors);
              root.setAttribute('data-virtbench-check', all.length === 0 ? 'ok' : 'failed: ' + all.join('; '));
            })();
            """;
}

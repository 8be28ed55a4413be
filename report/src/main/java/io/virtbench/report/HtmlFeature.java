package io.virtbench.report;

import static io.virtbench.report.HtmlReport.esc;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Run;
import java.io.PrintStream;
import java.util.List;

/** One feature's section of the HTML page: its chart, its table, its sweep levels and its runs (folded). */
final class HtmlFeature {
    private HtmlFeature() {
    }

    static void section(FeatureResult fr, Report r, StringBuilder b, int index, PrintStream warn) {
        Feature f = fr.feature();
        b.append("<section id=\"f-").append(esc(f.id())).append("\">\n<h3>").append(esc(f.title())).append("</h3>\n")
                .append("<p class=\"meta\">").append(esc(f.source())).append(" [").append(esc(fr.unit())).append("], ")
                .append(esc(f.direction())).append(", ").append(f.level().heading())
                .append(f.sweep() != null ? "; mean of the means per " + esc(f.sweep()) : "").append("</p>\n");
        if (fr.perSecond()) {
            b.append("<p class=\"note\">The runs last different times: each run's count is divided by its duration.</p>\n");
        }
        if (!fr.differing().isEmpty()) {
            b.append("<p class=\"note\">Runs differ in <b>").append(esc(String.join(", ", fr.differing())))
                    .append("</b>: each kind is its own row and chart series, never averaged together.</p>\n");
        }
        if (fr.platforms().isEmpty()) {
            b.append("<p class=\"none\">No results.</p>\n</section>\n");
            return;
        }
        if (f.chart() != Feature.Chart.NONE) {
            chart(fr, r, b, "chart-" + index, warn);
        }
        List<Run> withIntervals = IntervalChart.runs(fr);
        if (!withIntervals.isEmpty()) {
            try {
                HtmlReport.figure(b, f.id() + "-intervals", f.id() + "-intervals.svg",
                        IntervalChart.svg(fr, withIntervals, r.platforms(), "chart-" + index + "i"));
            } catch (RuntimeException | LinkageError e) {
                warn.println("virtbench: cannot draw the interval chart of " + f.id() + ": " + e);
            }
        }
        List<String> missing = r.platforms().stream().filter(p -> fr.rows(p).isEmpty()).toList();
        if (!missing.isEmpty()) {
            b.append("<p class=\"note\">No result for ").append(esc(String.join(", ", missing))).append(".</p>\n");
        }
        table(fr, r, b);
        if (f.sweep() != null && !fr.levels().isEmpty()) {
            b.append("<details><summary>per ").append(esc(f.sweep())).append(" level</summary>\n<div class=\"scroll\">")
                    .append("<table>\n<thead><tr><th>").append(esc(f.sweep())).append("</th>");
            head(b, false);
            for (Row row : fr.levels()) {
                b.append("<tr><td class=\"num\">").append(esc(row.level())).append("</td>");
                cells(b, row, false);
            }
            b.append("</tbody>\n</table></div>\n</details>\n");
        }
        runs(fr, b);
        b.append("</section>\n");
    }

    private static void chart(FeatureResult fr, Report r, StringBuilder b, String id, PrintStream warn) {
        Feature f = fr.feature();
        try {
            String svg = f.chart() == Feature.Chart.LINE && f.sweep() != null ? Charts.line(fr, r.platforms(), id)
                    : Charts.bar(fr, r.platforms(), id);
            HtmlReport.figure(b, f.id(), f.id() + ".svg", svg);
        } catch (RuntimeException | LinkageError e) {
            warn.println("virtbench: cannot draw the chart of " + f.id() + ": " + e);
            b.append("<p class=\"none\">Chart unavailable: ").append(esc(e.toString())).append("</p>\n");
        }
    }

    private static void table(FeatureResult fr, Report r, StringBuilder b) {
        b.append("<div class=\"scroll\"><table>\n<thead><tr>");
        head(b, true);
        for (String p : r.platforms()) {
            List<Row> rows = fr.rows(p);
            if (rows.isEmpty()) {
                b.append("<tr><td>").append(esc(p)).append("</td><td class=\"num\">0</td>")
                        .append("<td class=\"num\">-</td>".repeat(12)).append("</tr>\n");
            }
            for (Row row : rows) {
                cells(b, row, true);
            }
        }
        b.append("</tbody>\n</table></div>\n");
    }

    private static void head(StringBuilder b, boolean score) {
        b.append("<th>platform</th><th>n</th><th>mean</th><th>median</th><th>sd</th><th>cv</th>")
                .append("<th>95% CI (t)</th><th>ratio</th><th>p Welch</th><th>p perm.</th><th>Hedges' g [95% CI]</th>")
                .append("<th>outliers</th>").append(score ? "<th>score</th>" : "").append("</tr></thead>\n<tbody>\n");
    }

    private static void cells(StringBuilder b, Row row, boolean score) {
        b.append("<td>").append(esc(row.label())).append("</td>");
        List<String> cells = List.of(Integer.toString(row.n()), Fmt.num(row.mean()), Fmt.num(row.median()),
                Fmt.num(row.stddev()), Fmt.cv(row.cv()), Fmt.interval(row.ciLow(), row.ciHigh()), Fmt.percent(row.ratio()),
                Fmt.p(row.pValue()) + (Boolean.TRUE.equals(row.significant()) ? " *" : ""), Fmt.p(row.permutationP()),
                Fmt.effect(row.effect()), Integer.toString(row.outliers()));
        for (String c : cells) {
            b.append("<td class=\"num\">").append(esc(c)).append("</td>");
        }
        if (score) {
            b.append("<td class=\"num s").append(row.score() == null ? "n" : row.score()).append("\">")
                    .append(Fmt.score(row.score()))
                    .append(row.otherScore() == null ? "" : " (" + row.otherScore() + ")").append("</td>");
        }
        b.append("</tr>\n");
    }

    private static void runs(FeatureResult fr, StringBuilder b) {
        b.append("<details class=\"runs\"><summary>the ").append(fr.runs().size()).append(" runs</summary>\n")
                .append("<div class=\"scroll\"><table>\n<thead><tr><th>platform</th><th>detected</th><th>group</th>")
                .append(fr.feature().sweep() == null ? "" : "<th>" + esc(fr.feature().sweep()) + "</th>")
                .append("<th>value</th><th>outlier</th><th>source</th></tr></thead>\n<tbody>\n");
        for (Run run : fr.runs()) {
            b.append("<tr").append(run.outlier() ? " class=\"outlier\"" : "").append("><td>").append(esc(run.platform()))
                    .append("</td><td>").append(esc(run.detectedPlatform() == null ? "-" : run.detectedPlatform()))
                    .append("</td><td>").append(esc(run.group() == null ? "" : run.group())).append("</td>")
                    .append(fr.feature().sweep() == null ? "" : "<td class=\"num\">" + esc(run.level()) + "</td>")
                    .append("<td class=\"num\">").append(esc(Fmt.num(run.value()))).append("</td><td>")
                    .append(run.outlier() ? "yes" : "").append("</td><td class=\"src\">")
                    .append(esc(run.source() == null ? "" : run.source())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</details>\n");
    }
}

package io.virtbench.report;

import static io.virtbench.report.HtmlReport.esc;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The score table of the workloads beyond the study (micro, memory, threads, mutex): per feature
 * and platform the mean, the ratio to the baseline and the score by the feature's thresholds. It
 * is a table of its own because these features are no part of the study's DESMET totals; a report
 * without such results has no such table, so the study's reports read as they always did.
 */
final class BeyondTable {
    private static final String TEXT_ROW = "  %-17s %-16s %4s %12s %-9s %9s %6s%n";

    private BeyondTable() {
    }

    /** The features beyond the study that have results, in the scheme's order. */
    static List<FeatureResult> features(Report r) {
        return r.features().stream().filter(f -> !f.feature().level().study()).toList();
    }

    static String heading(Report r) {
        return "Beyond the study (workloads the study did not run; scored by the same method with their own thresholds, "
                + "never counted in the low-level or high-level totals), baseline " + r.baseline();
    }

    static void text(Report r, PrintStream out) {
        List<FeatureResult> features = features(r);
        if (features.isEmpty()) {
            return;
        }
        out.println();
        TextReport.wrap(out, "  ", heading(r));
        out.printf(Locale.ROOT, TEXT_ROW, "feature", "platform", "n", "mean", "unit", "ratio", "score");
        for (FeatureResult fr : features) {
            boolean first = true;
            for (String p : r.platforms()) {
                Row row = fr.row(p);
                String platform = p.length() > 16 ? p.substring(0, 15) + "~" : p;
                out.printf(Locale.ROOT, TEXT_ROW, first ? fr.feature().title() : "", platform,
                        row == null ? "0" : Integer.toString(row.n()), row == null ? "-" : Fmt.num(row.mean()),
                        fr.unit(), row == null ? "-" : Fmt.percent(row.ratio()), score(row));
                first = false;
            }
        }
    }

    static void html(Report r, StringBuilder b) {
        List<FeatureResult> features = features(r);
        if (features.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"beyond\">Beyond the study</h2>\n<p class=\"meta\">").append(esc(heading(r)))
                .append(". \"-\" = no result; \"2 (3)\" = 2, or 3 ").append(r.dropOutliers() ? "with" : "without")
                .append(" outliers.</p>\n<div class=\"scroll\"><table class=\"scores beyond\">\n<thead><tr><th>feature</th>")
                .append("<th>platform</th><th>n</th><th>mean</th><th>unit</th><th>ratio</th><th>score</th></tr></thead>\n<tbody>\n");
        for (FeatureResult fr : features) {
            boolean first = true;
            for (String p : r.platforms()) {
                Row row = fr.row(p);
                Integer s = row == null ? null : row.score();
                b.append("<tr>");
                if (first) {
                    b.append("<td rowspan=\"").append(r.platforms().size()).append("\"><a href=\"#f-").append(esc(fr.feature().id()))
                            .append("\">").append(esc(fr.feature().title())).append("</a></td>");
                    first = false;
                }
                b.append("<td>").append(esc(p)).append("</td><td class=\"num\">").append(row == null ? 0 : row.n())
                        .append("</td><td class=\"num\">").append(row == null ? "-" : Fmt.num(row.mean()))
                        .append("</td><td>").append(esc(fr.unit())).append("</td><td class=\"num\">")
                        .append(row == null ? "-" : Fmt.percent(row.ratio())).append("</td><td class=\"num s")
                        .append(s == null ? "n" : s).append("\">").append(esc(score(row))).append("</td></tr>\n");
            }
        }
        b.append("</tbody>\n</table></div>\n");
    }

    /** "3", "3 (4)" when the score differs with outliers treated the other way, "-" without one. */
    private static String score(Row row) {
        if (row == null || row.score() == null) {
            return "-";
        }
        return row.otherScore() == null ? row.score().toString() : row.score() + " (" + row.otherScore() + ")";
    }
}

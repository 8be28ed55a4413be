package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Total;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The comparison as text tables: one per feature, then the DESMET score table. */
public final class TextReport {
    private TextReport() {
    }

    public static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "virtbench report: %d results, %d platforms (%s); baseline %s; scheme: %s%n", r.results(),
                r.platforms().size(), String.join(", ", r.platforms()), r.baseline(), r.scheme());
        out.printf(Locale.ROOT, "ratio = platform mean / %s mean; significant = Welch's t-test against %s, p < %s%n",
                r.baseline(), r.baseline(), Double.toString(r.alpha()));
        for (FeatureResult f : r.features()) {
            feature(f, r, out);
        }
        scores(r, out);
        if (!r.unmatched().isEmpty()) {
            out.println();
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Integer> e : r.unmatched().entrySet()) {
                b.append(b.length() > 0 ? ", " : "").append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            out.println("results no feature reads: " + b);
        }
    }

    private static void feature(FeatureResult fr, Report r, PrintStream out) {
        Feature f = fr.feature();
        out.println();
        out.printf(Locale.ROOT, "%s: %s [%s], %s, %s level%s%n", f.title(), f.source(), f.unit(), f.direction(),
                f.level().name().toLowerCase(Locale.ROOT),
                f.sweep() != null ? "; mean of the means per " + f.sweep() : "");
        if (fr.platforms().isEmpty()) {
            out.println("  no results");
            return;
        }
        out.printf(Locale.ROOT, "  %-14s %5s %14s %12s %8s %9s %12s %6s%n", "platform", "n", "mean", "stddev", "ratio",
                "p-value", "significant", "score");
        for (String p : r.platforms()) {
            Row row = fr.row(p);
            if (row == null) {
                out.printf(Locale.ROOT, "  %-14s %5s %14s %12s %8s %9s %12s %6s%n", p, "0", "-", "-", "-", "-", "-", "-");
            } else {
                out.printf(Locale.ROOT, "  %-14s %5d %14s %12s %8s %9s %12s %6s%n", p, row.n(), Fmt.num(row.mean()),
                        Fmt.num(row.stddev()), Fmt.percent(row.ratio()), Fmt.p(row.pValue()), Fmt.yesNo(row.significant()),
                        Fmt.score(row.score()));
            }
        }
        if (f.sweep() != null && !fr.levels().isEmpty()) {
            out.printf(Locale.ROOT, "  per %s:%n", f.sweep());
            out.printf(Locale.ROOT, "  %12s %-14s %5s %14s %12s %8s %9s %12s%n", f.sweep(), "platform", "n", "mean", "stddev",
                    "ratio", "p-value", "significant");
            for (Row row : fr.levels()) {
                out.printf(Locale.ROOT, "  %12s %-14s %5d %14s %12s %8s %9s %12s%n", row.level(), row.platform(), row.n(),
                        Fmt.num(row.mean()), Fmt.num(row.stddev()), Fmt.percent(row.ratio()), Fmt.p(row.pValue()),
                        Fmt.yesNo(row.significant()));
            }
        }
    }

    private static void scores(Report r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "DESMET scores (0-4; '-' = no result), baseline %s%n", r.baseline());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-5s", "feature", "level"));
        for (String p : r.platforms()) {
            head.append(String.format(Locale.ROOT, " %12s", p));
        }
        out.println(head);
        for (Feature.Level level : Feature.Level.values()) {
            for (FeatureResult fr : r.features()) {
                if (fr.feature().level() != level) {
                    continue;
                }
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-5s", fr.feature().title(),
                        level.name().toLowerCase(Locale.ROOT)));
                for (String p : r.platforms()) {
                    Row row = fr.row(p);
                    b.append(String.format(Locale.ROOT, " %12s", row == null ? "-" : Fmt.score(row.score())));
                }
                out.println(b);
            }
        }
        StringBuilder low = new StringBuilder(String.format(Locale.ROOT, "  %-26s", "low-level total"));
        StringBuilder high = new StringBuilder(String.format(Locale.ROOT, "  %-26s", "high-level total"));
        for (String p : r.platforms()) {
            Total t = r.total(p);
            low.append(String.format(Locale.ROOT, " %12s", total(t.low(), t.lowFeatures(), r, Feature.Level.LOW)));
            high.append(String.format(Locale.ROOT, " %12s", total(t.high(), t.highFeatures(), r, Feature.Level.HIGH)));
        }
        out.println(low);
        out.println(high);
    }

    /** "24", or "18 of 5" when some of the level's features have no score for the platform. */
    static String total(Integer sum, int scored, Report r, Feature.Level level) {
        if (sum == null) {
            return "-";
        }
        long features = r.features().stream().filter(f -> f.feature().level() == level).count();
        return scored == features ? sum.toString() : sum + " (" + scored + "/" + features + ")";
    }
}

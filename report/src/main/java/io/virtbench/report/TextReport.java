package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Run;
import io.virtbench.report.Comparison.Total;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as text no wider than {@link #WIDTH} columns: warnings, the DESMET score
 * table, the table beyond the study (when it has results), the hosts, then per feature two tables (location and tests; spread and effect) and its
 * runs; every sweep level with {@code --levels}.
 */
public final class TextReport {
    static final int WIDTH = 100;
    private static final String FIGURES = "  %-16s %4s %11s %11s %10s %6s %7s %8s %8s %5s%n";
    private static final String SPREAD = "  %-16s %11s %11s %27s %22s %3s%n";
    private static final String LEVEL = "  %7s %-13s %4s %11s %11s %10s %6s %7s %8s %8s %3s%n";

    private TextReport() {
    }

    public static void print(Report r, PrintStream out) {
        print(r, out, false);
    }

    public static void print(Report r, PrintStream out, boolean levels) {
        wrap(out, "", String.format(Locale.ROOT, "virtbench report: %d results, %d platforms (%s); baseline %s; scheme: %s",
                r.results(), r.platforms().size(), String.join(", ", r.platforms()), r.baseline(), r.scheme()));
        for (String w : r.warnings()) {
            wrap(out, "    ", "  WARNING: " + w);
        }
        scores(r, out);
        BeyondTable.text(r, out);
        hosts(r, out);
        out.println();
        for (String line : Explain.lines(r)) {
            wrap(out, "  ", line);
        }
        for (FeatureResult f : r.features()) {
            feature(f, r, out, levels);
        }
        if (!r.unmatched().isEmpty()) {
            out.println();
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Integer> e : r.unmatched().entrySet()) {
                b.append(b.length() > 0 ? ", " : "").append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            wrap(out, "", "results no feature reads: " + b);
        }
    }

    private static void hosts(Report r, PrintStream out) {
        out.println();
        out.println("Hosts (from the result files):");
        for (HostFacts h : r.hosts()) {
            wrap(out, "    ", String.format(Locale.ROOT, "  %-12s %s (%d results)", h.platform(), h.describe(), h.results()));
        }
    }

    private static void feature(FeatureResult fr, Report r, PrintStream out, boolean levels) {
        Feature f = fr.feature();
        out.println();
        wrap(out, "  ", String.format(Locale.ROOT, "%s: %s [%s], %s, %s%s", f.title(), f.source(), fr.unit(),
                f.direction(), f.level().heading(),
                f.sweep() != null ? "; mean of the means per " + f.sweep() : ""));
        if (fr.perSecond()) {
            wrap(out, "  ", "  durations differ: each run's count is divided by its duration");
        }
        if (!fr.differing().isEmpty()) {
            wrap(out, "  ", "  runs differ in " + String.join(", ", fr.differing()) + ": each kind is its own row");
        }
        if (fr.platforms().isEmpty()) {
            out.println("  no results");
            return;
        }
        out.printf(Locale.ROOT, FIGURES, "platform", "n", "mean", "median", "sd", "cv", "ratio", "p Welch", "p perm",
                "score");
        for (String p : r.platforms()) {
            List<Row> rows = fr.rows(p);
            if (rows.isEmpty()) {
                out.printf(Locale.ROOT, FIGURES, p, "0", "-", "-", "-", "-", "-", "-", "-", "-");
            }
            for (Row row : rows) {
                label(out, row.label());
                out.printf(Locale.ROOT, FIGURES, fit(row.label()), row.n(), Fmt.num(row.mean()), Fmt.num(row.median()),
                        Fmt.num(row.stddev()), Fmt.cv(row.cv()), Fmt.percent(row.ratio()), Fmt.p(row.pValue()),
                        Fmt.p(row.permutationP()), scoreCell(row));
            }
        }
        out.printf(Locale.ROOT, SPREAD, "", "min", "max", "95% CI of the mean (t)", "Hedges' g [95% CI]", "out");
        for (Row row : fr.platforms()) {
            label(out, row.label());
            out.printf(Locale.ROOT, SPREAD, fit(row.label()), Fmt.num(row.min()), Fmt.num(row.max()),
                    Fmt.interval(row.ciLow(), row.ciHigh()), Fmt.effect(row.effect()), row.outliers());
        }
        runs(fr, out);
        if (f.sweep() != null && !fr.levels().isEmpty()) {
            if (!levels) {
                out.printf(Locale.ROOT, "  %d %s levels (%s); --levels shows each%n", fr.levelOrder().size(), f.sweep(),
                        String.join(", ", fr.levelOrder()));
                return;
            }
            out.printf(Locale.ROOT, "  per %s:%n", f.sweep());
            out.printf(Locale.ROOT, LEVEL, shorten(f.sweep(), 7), "platform", "n", "mean", "median", "sd",
                    "cv", "ratio", "p Welch", "p perm", "out");
            for (Row row : fr.levels()) {
                if (row.label().length() > 13) {
                    out.println("  " + row.label());
                }
                out.printf(Locale.ROOT, LEVEL, row.level(), row.label().length() > 13 ? "" : row.label(), row.n(),
                        Fmt.num(row.mean()), Fmt.num(row.median()), Fmt.num(row.stddev()), Fmt.cv(row.cv()),
                        Fmt.percent(row.ratio()), Fmt.p(row.pValue()), Fmt.p(row.permutationP()), row.outliers());
            }
        }
    }

    /** Each group's runs in the order read, outliers marked with '*'. Sweeps list them per level with --levels only. */
    private static void runs(FeatureResult fr, PrintStream out) {
        if (fr.feature().sweep() != null) {
            return;
        }
        Map<String, List<String>> byLabel = new java.util.LinkedHashMap<>();
        for (Run run : fr.runs()) {
            String label = (run.group() == null ? run.platform() : run.platform() + " [" + run.group() + "]")
                    + (run.detectedPlatform() == null ? "" : " (detected: " + run.detectedPlatform() + ")");
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(Fmt.num(run.value()) + (run.outlier() ? "*" : ""));
        }
        byLabel.forEach((label, values) -> wrap(out, "      ", "  runs " + label + ": " + String.join(" ", values)));
    }

    private static String scoreCell(Row row) {
        return row.otherScore() == null ? Fmt.score(row.score()) : row.score() + "(" + row.otherScore() + ")";
    }

    /** A label too long for its column goes on a line of its own. */
    private static void label(PrintStream out, String label) {
        if (label.length() > 16) {
            out.println("  " + label);
        }
    }

    private static String fit(String label) {
        return label.length() > 16 ? "" : label;
    }

    private static void scores(Report r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "DESMET scores (0-4; '-' = no result), baseline %s%n", r.baseline());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-5s", "feature", "level"));
        for (String p : r.platforms()) {
            head.append(String.format(Locale.ROOT, " %11s", shorten(p)));
        }
        out.println(head);
        for (Feature.Level level : List.of(Feature.Level.LOW, Feature.Level.HIGH)) {
            for (FeatureResult fr : r.features()) {
                if (fr.feature().level() != level) {
                    continue;
                }
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-5s", fr.feature().title(),
                        level.name().toLowerCase(Locale.ROOT)));
                for (String p : r.platforms()) {
                    Row row = fr.row(p);
                    b.append(String.format(Locale.ROOT, " %11s", row == null ? "-" : Fmt.score(row.score())));
                }
                out.println(b);
            }
        }
        StringBuilder low = new StringBuilder(String.format(Locale.ROOT, "  %-26s", "low-level total"));
        StringBuilder high = new StringBuilder(String.format(Locale.ROOT, "  %-26s", "high-level total"));
        for (String p : r.platforms()) {
            Total t = r.total(p);
            low.append(String.format(Locale.ROOT, " %11s", total(t.low(), t.lowFeatures(), r, Feature.Level.LOW)));
            high.append(String.format(Locale.ROOT, " %11s", total(t.high(), t.highFeatures(), r, Feature.Level.HIGH)));
        }
        out.println(low);
        out.println(high);
        List<String> other = new ArrayList<>();
        for (FeatureResult fr : r.features()) {
            if (!fr.feature().level().study()) {
                continue; // the table beyond the study shows its own
            }
            for (String p : r.platforms()) {
                Row row = fr.row(p);
                if (row != null && row.otherScore() != null) {
                    other.add(fr.feature().title() + " " + p + " " + row.otherScore());
                }
            }
        }
        if (!other.isEmpty()) {
            wrap(out, "    ", "  scores that differ " + (r.dropOutliers() ? "with" : "without") + " outliers: "
                    + String.join(", ", other));
        }
    }

    private static String shorten(String p) {
        return shorten(p, 11);
    }

    private static String shorten(String p, int width) {
        return p.length() > width ? p.substring(0, width - 1) + "~" : p;
    }

    /** "24", or "18 (5/7)" when some of the level's features have no score for the platform. */
    static String total(Integer sum, int scored, Report r, Feature.Level level) {
        if (sum == null) {
            return "-";
        }
        long features = r.features().stream().filter(f -> f.feature().level() == level).count();
        return scored == features ? sum.toString() : sum + " (" + scored + "/" + features + ")";
    }

    /** Prints {@code text} in lines of at most {@link #WIDTH} columns, continuation lines indented. */
    static void wrap(PrintStream out, String indent, String text) {
        String line = text;
        while (line.length() > WIDTH) {
            int cut = line.lastIndexOf(' ', WIDTH);
            if (cut <= indent.length()) {
                cut = WIDTH;
            }
            out.println(line.substring(0, cut).stripTrailing());
            line = indent + line.substring(cut).strip();
        }
        out.println(line);
    }
}

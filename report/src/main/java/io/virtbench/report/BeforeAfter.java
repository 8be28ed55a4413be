package io.virtbench.report;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code virtbench report OLD NEW} where both hold results of one platform: a before/after
 * comparison as benchstat prints it: per feature (and group, and sweep level) the old and new
 * mean with their variation, the change, and the p-value of Welch's test and of the
 * permutation test; a change that is not significant is shown as "~".
 */
final class BeforeAfter {
    /** One compared figure. */
    record Line(String feature, String group, String unit, int oldN, double oldMean, Double oldCv, int newN,
                double newMean, Double newCv, double delta, Double pWelch, Double pPermutation, boolean significant) {
    }

    private BeforeAfter() {
    }

    /**
     * True when both inputs hold results of one and the same platform and share a feature. Two
     * sets of one platform with no feature in common (what a guest measured inside and what the
     * host measured against it, as {@code suite --on} writes them) are two halves of one run.
     */
    static boolean applies(List<Path> inputs, List<RunResult> all, Scheme scheme, double alpha) {
        Set<String> platforms = all.stream().map(Platforms::of).collect(Collectors.toSet());
        if (platforms.size() != 1) {
            return false;
        }
        List<RunResult> before = ResultSet.load(List.of(inputs.get(0))).results();
        List<RunResult> after = ResultSet.load(List.of(inputs.get(1))).results();
        return !before.isEmpty() && !after.isEmpty() && !compare(before, after, scheme, alpha, false).isEmpty();
    }

    static int run(PlatformReport.Options o, ResultSet.Loaded loaded, Scheme scheme, PrintStream stdout, PrintStream stderr) {
        List<RunResult> before = ResultSet.load(List.of(o.inputs().get(0))).results();
        List<RunResult> after = ResultSet.load(List.of(o.inputs().get(1))).results();
        List<Line> lines = compare(before, after, scheme, o.alpha(), o.dropOutliers());
        if (lines.isEmpty()) {
            throw new UserException("nothing to compare: no feature has results in both " + o.inputs().get(0) + " and "
                    + o.inputs().get(1));
        }
        PrintStream target = stdout;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        if (o.out() != null) {
            target = new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
        }
        switch (o.format()) {
            case TEXT -> text(lines, o, target);
            case CSV -> csv(lines, target);
            case JSON -> target.println(ResultFiles.toJson(Map.of("old", o.inputs().get(0).toString(),
                    "new", o.inputs().get(1).toString(), "lines", lines)));
            default -> throw UserException.usage("invalid value for --format: a before/after comparison of one platform"
                    + " is text, csv or json");
        }
        target.flush();
        if (o.out() != null) {
            PlatformReport.write(o.out(), buffer.toByteArray());
            stderr.println("virtbench: report written to " + o.out());
        }
        return loaded.problems().isEmpty() ? 0 : UserException.FAILURE;
    }

    /** Each feature's groups (and sweep levels) found on both sides, old against new. */
    static List<Line> compare(List<RunResult> before, List<RunResult> after, Scheme scheme, double alpha, boolean drop) {
        List<Line> out = new ArrayList<>();
        for (Feature f : scheme.features()) {
            List<RunResult> a0 = before.stream().filter(f::matches).toList();
            List<RunResult> b0 = after.stream().filter(f::matches).toList();
            List<ComparisonKey> keys = java.util.stream.Stream.concat(a0.stream(), b0.stream())
                    .map(r -> ComparisonKey.of(f, r)).distinct().toList();
            List<String> differing = ComparisonKey.differing(keys);
            Map<String, double[]> old = groups(f, a0, differing, drop);
            Map<String, double[]> neu = groups(f, b0, differing, drop);
            for (Map.Entry<String, double[]> e : old.entrySet()) {
                double[] b = neu.get(e.getKey());
                if (b == null) {
                    continue;
                }
                double[] a = e.getValue();
                double ma = Stats.mean(a);
                double mb = Stats.mean(b);
                Double p = Comparison.welch(b, a);
                out.add(new Line(f.id(), e.getKey(), f.unit(), a.length, ma, cv(a), b.length, mb, cv(b),
                        ma == 0 ? Double.NaN : (mb - ma) / ma, p, Stats.permutation(b, a), p != null && p < alpha));
            }
        }
        return out;
    }

    /**
     * A feature's values by group and sweep level ("threads=2 concurrency=10"), named by the
     * parameters that differ between the two sides; outliers (Tukey) left out when asked.
     */
    private static Map<String, double[]> groups(Feature f, List<RunResult> results, List<String> differing, boolean drop) {
        Map<String, List<Double>> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = ComparisonKey.of(f, r).label(differing);
            String level = f.sweep() == null ? "" : f.sweep() + "=" + f.levelOf(r);
            String name = (label + " " + level).strip();
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(r.value(f.metric()));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        byName.forEach((name, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            if (drop) {
                boolean[] outlier = Stats.outliers(v);
                List<Double> kept = new ArrayList<>();
                for (int i = 0; i < v.length; i++) {
                    if (!outlier[i]) {
                        kept.add(v[i]);
                    }
                }
                v = kept.stream().mapToDouble(Double::doubleValue).toArray();
            }
            out.put(name, v);
        });
        return out;
    }

    private static Double cv(double[] a) {
        Double sd = Stats.sd(a);
        double m = Stats.mean(a);
        return sd == null || m == 0 ? null : sd / Math.abs(m);
    }

    private static void text(List<Line> lines, PlatformReport.Options o, PrintStream out) {
        TextReport.wrap(out, "", "old: " + o.inputs().get(0) + "   new: " + o.inputs().get(1));
        out.printf(Locale.ROOT, "%-26s %13s %6s %13s %6s %8s %8s %8s%n", "feature", "old", "+-", "new", "+-", "delta",
                "p Welch", "p perm");
        for (Line l : lines) {
            String name = l.feature() + (l.group().isEmpty() ? "" : " " + l.group());
            if (name.length() > 26) {
                out.println(name);
                name = "";
            }
            out.printf(Locale.ROOT, "%-26s %13s %6s %13s %6s %8s %8s %8s%n", name, Fmt.num(l.oldMean()), Fmt.cv(l.oldCv()),
                    Fmt.num(l.newMean()), Fmt.cv(l.newCv()),
                    l.significant() ? String.format(Locale.ROOT, "%+.1f%%", l.delta() * 100) : "~",
                    Fmt.p(l.pWelch()), Fmt.p(l.pPermutation()));
        }
        TextReport.wrap(out, "", "+- is the coefficient of variation; delta = (new - old) / old, '~' when Welch's p >= "
                + o.alpha() + "; p perm: permutation test, " + Stats.PERMUTATIONS + " resamples, fixed seed.");
    }

    private static void csv(List<Line> lines, PrintStream out) {
        out.println("feature,group,unit,old_n,old_mean,old_cv,new_n,new_mean,new_cv,delta,p_welch,p_permutation,significant");
        for (Line l : lines) {
            out.println(String.join(",", CsvOutput.csv(l.feature()), CsvOutput.csv(l.group()), CsvOutput.csv(l.unit()),
                    Integer.toString(l.oldN()), Double.toString(l.oldMean()), Fmt.raw(l.oldCv()), Integer.toString(l.newN()),
                    Double.toString(l.newMean()), Fmt.raw(l.newCv()), Fmt.raw(l.delta()), Fmt.raw(l.pWelch()),
                    Fmt.raw(l.pPermutation()), Boolean.toString(l.significant())));
        }
    }
}

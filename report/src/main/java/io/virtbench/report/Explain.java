package io.virtbench.report;

import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the report's figures and scores are made, in words, for every format that shows them. */
final class Explain {
    private Explain() {
    }

    static List<String> lines(Report r) {
        List<String> out = new ArrayList<>();
        out.add("How to read this report:");
        out.add("- ratio = platform mean / " + r.baseline() + " mean. Scores 0-4 come from the ratio: a feature where higher"
                + " is better scores 1..4 at a ratio of at least its thresholds, one where lower is better at most them"
                + " (below score 1: 0). Thresholds: " + thresholds(r) + ".");
        out.add("- level: the study's low-level features (boot, CPU, file, network) and high-level ones (database,"
                + " pipeline, HTTP) are summed separately; '18 (5/7)' is 18 points from 5 of the level's 7 features"
                + " (the platform has no result for the others).");
        if (!BeyondTable.features(r).isEmpty()) {
            out.add("- Beyond the study: features of workloads the study did not run (micro, memory, threads, mutex) are"
                    + " scored by the same method with their thresholds above, in a table of their own, and never"
                    + " counted in either level's total.");
        }
        out.add("- A sweep (threads, concurrency) is summarised as the mean of its per-level means; its sd is the pooled"
                + " within-level standard deviation sqrt(sum((n_l-1) s_l^2) / sum(n_l-1)), the run-to-run noise, not"
                + " the spread between levels. Its tests compare runs divided by the baseline's mean at their level.");
        out.add("- n, mean, median, min, max, sd (n-1), cv = sd/mean; 95% CI of the mean by Student's t"
                + " (mean +- t(0.975, n-1) sd/sqrt(n); for a sweep, of the mean of level means).");
        out.add(String.format(Locale.ROOT, "- p Welch: Welch's two-sided t-test against %s (scores' significance, p < %s)."
                        + " p perm: two-sided permutation test of the difference of means, %d resamples, fixed seed."
                        + " Hedges' g: the difference in pooled sds, with its 95%% interval.", r.baseline(),
                Double.toString(r.alpha()), Stats.PERMUTATIONS));
        out.add("- Outliers: runs outside Tukey's fences (below Q1 - 1.5 IQR or above Q3 + 1.5 IQR of their group, with"
                + " at least " + Stats.MIN_FOR_OUTLIERS + " runs) are marked '*' and "
                + (r.dropOutliers() ? "left out (--drop-outliers)" : "kept (--drop-outliers leaves them out)")
                + "; a score that would differ the other way is shown in brackets.");
        out.add("- Runs are pooled only when the parameters that change what is measured agree (threads, O_DIRECT,"
                + " direction, rate, datagram size, keep-alive, tables...); other runs are their own rows, named by"
                + " the parameter that differs. Counts per run are compared per second when durations differ.");
        return out;
    }

    private static String thresholds(Report r) {
        List<String> parts = new ArrayList<>();
        for (FeatureResult fr : r.features()) {
            Feature f = fr.feature();
            String op = f.better() == Feature.Better.HIGHER ? ">=" : "<=";
            parts.add(f.id() + " " + op + " " + String.join("/", f.scores().stream().map(Explain::pct).toList()) + "%");
        }
        return String.join(", ", parts);
    }

    private static String pct(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

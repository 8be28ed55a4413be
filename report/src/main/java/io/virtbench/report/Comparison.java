package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The study's comparison: per feature and platform the mean, sample standard deviation and n;
 * the ratio to the baseline platform's mean; whether the difference is significant (Welch's
 * t-test, two-sided, unequal variances); the DESMET score of the ratio; and the low-level and
 * high-level totals (features beyond the study are scored but never counted in them). A sweep (OLTP threads, HTTP concurrency) is summarised as the mean of its
 * per-level means, as the study did, and is also shown per level.
 */
public final class Comparison {
    public static final double DEFAULT_ALPHA = 0.05;

    private Comparison() {
    }

    /**
     * What the comparison was asked to do beyond the study's defaults.
     *
     * @param dropOutliers leave runs outside Tukey's fences out (they are always flagged)
     */
    public record Options(boolean dropOutliers) {
        public static final Options DEFAULT = new Options(false);
    }

    /**
     * One platform's figures for a feature (level null) or for one level of its sweep, for one
     * group of comparable runs.
     *
     * @param group       the parameters that set this group apart ("threads=2"); null when the platform's runs
     *                    are all alike and like the baseline's
     * @param primary     the group that is scored: the one like the baseline's main group, else the largest
     * @param stddev      sample standard deviation; for a sweep the pooled within-level one; null when n &lt; 2
     * @param median      median, min, max of the runs; null on a sweep's overall row (they mix levels)
     * @param cv          stddev / mean
     * @param ciLow       95 % confidence interval of the mean (Student's t); null when n &lt; 2
     * @param ratio       mean / the baseline's mean; null without a baseline figure
     * @param pValue      Welch's two-sided p-value against the baseline; null for the baseline itself or n &lt; 2
     * @param significant pValue &lt; alpha; null when there is no p-value
     * @param permutationP the permutation test's two-sided p-value of the difference of means
     * @param effect      Hedges' g against the baseline with its 95 % interval
     * @param outliers    runs outside Tukey's fences (left out when dropping outliers)
     * @param score       DESMET score 0..4; null on per-level rows, non-primary groups and without a ratio
     * @param otherScore  the score with outliers treated the other way (left out when kept, kept when left out),
     *                    when it differs; else null
     */
    public record Row(String platform, String level, String group, boolean primary, int n, double mean, Double stddev,
                      Double median, Double min, Double max, Double cv, Double ciLow, Double ciHigh, Double ratio,
                      Double pValue, Boolean significant, Double permutationP, Stats.Effect effect, int outliers,
                      Integer score, Integer otherScore) {
        /** "kvm" or "kvm [threads=2]". */
        public String label() {
            return group == null ? platform : platform + " [" + group + "]";
        }
    }

    /** One run as read, with its group, level and whether it is an outlier. */
    public record Run(String platform, String detectedPlatform, String group, String level, double value, boolean outlier,
                      String source, int repetition, @com.fasterxml.jackson.annotation.JsonIgnore RunResult result) {
    }

    /**
     * A feature's rows: {@code platforms} one per platform and group of comparable runs,
     * {@code levels} per sweep level, platform and group; {@code runs} every run read.
     *
     * @param perSecond the runs' counts were divided by their durations because the durations differ
     * @param differing the parameters in which the feature's groups differ (empty when all runs are alike)
     */
    public record FeatureResult(Feature feature, List<Row> platforms, List<String> levelOrder, List<Row> levels,
                                List<Run> runs, boolean perSecond, List<String> differing) {
        /** The platform's scored row, or null. */
        public Row row(String platform) {
            return platforms.stream().filter(r -> r.platform().equals(platform) && r.primary()).findFirst().orElse(null);
        }

        public List<Row> rows(String platform) {
            return platforms.stream().filter(r -> r.platform().equals(platform)).toList();
        }

        /** The platform's scored group at one level, or null. */
        public Row row(String platform, String level) {
            return levels.stream().filter(r -> r.platform().equals(platform) && r.primary() && r.level().equals(level))
                    .findFirst().orElse(null);
        }

        public String unit() {
            return perSecond ? feature.unit().replace(" per run", "") + "/s" : feature.unit();
        }
    }

    /** A platform's summed scores of the study's two levels; null where it has no score at that level. */
    public record Total(String platform, Integer low, int lowFeatures, Integer high, int highFeatures) {
    }

    /**
     * @param unmatched results that no feature reads, counted by "workload test" (a sign of a
     *                  metric-name mismatch between a parser and the scheme)
     * @param warnings  runs that are not alike: a platform whose runs differ from the baseline's, or
     *                  a platform with runs of several kinds (shown first in every format)
     * @param hosts     where each platform's results were measured, as the result files say
     */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"warnings", "scheme", "baseline", "alpha", "platforms", "hosts"})
    public record Report(String scheme, String baseline, double alpha, List<String> platforms, int results,
                         List<FeatureResult> features, List<Total> totals, Map<String, Integer> unmatched,
                         List<String> warnings, List<HostFacts> hosts, boolean dropOutliers) {
        public FeatureResult feature(String id) {
            return features.stream().filter(f -> f.feature().id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no feature " + id));
        }

        public Total total(String platform) {
            return totals.stream().filter(t -> t.platform().equals(platform)).findFirst().orElse(null);
        }
    }

    public static Report compare(List<RunResult> results, Scheme scheme, String baseline, double alpha) {
        return compare(results, scheme, baseline, alpha, Options.DEFAULT);
    }

    public static Report compare(List<RunResult> results, Scheme scheme, String baseline, double alpha, Options options) {
        String base = Platforms.normalize(baseline);
        Set<String> seen = new LinkedHashSet<>();
        for (RunResult r : results) {
            seen.add(Platforms.of(r));
        }
        List<String> platforms = Platforms.order(seen, base);
        Map<String, Integer> unmatched = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (scheme.features().stream().noneMatch(f -> f.matches(r))) {
                unmatched.merge(r.workload() + (r.test() != null ? " " + r.test() : ""), 1, Integer::sum);
            }
        }
        List<FeatureResult> features = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Feature f : scheme.features()) {
            FeatureResult fr = new FeatureComparison(f, platforms, base, alpha, options.dropOutliers()).compare(results, warnings);
            // a feature beyond the study appears only with results, so the study's own reports stay as they were
            if (f.level().study() || !fr.platforms().isEmpty()) {
                features.add(fr);
            }
        }
        warnings.addAll(LabelCheck.warnings(results));
        warnings.addAll(Alongside.warnings(results));
        List<Total> totals = new ArrayList<>();
        for (String p : platforms) {
            totals.add(total(p, features));
        }
        return new Report(scheme.name(), base, alpha, platforms, results.size(), List.copyOf(features), List.copyOf(totals),
                unmatched, List.copyOf(warnings), HostFacts.of(results, platforms), options.dropOutliers());
    }

    private static Total total(String p, List<FeatureResult> features) {
        Integer low = null;
        Integer high = null;
        int lowN = 0;
        int highN = 0;
        for (FeatureResult fr : features) {
            Row row = fr.row(p);
            if (row == null || row.score() == null) {
                continue;
            }
            if (fr.feature().level() == Feature.Level.LOW) {
                low = (low == null ? 0 : low) + row.score();
                lowN++;
            } else if (fr.feature().level() == Feature.Level.HIGH) {
                high = (high == null ? 0 : high) + row.score();
                highN++;
            }
        }
        return new Total(p, low, lowN, high, highN);
    }

    /**
     * Welch's two-sided t-test p-value (commons-math3 {@link TTest#tTest(double[], double[])});
     * null when either side has fewer than two runs. Two constant samples differ with p = 0
     * (or are equal with p = 1), where the t statistic is undefined.
     */
    public static Double welch(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return null;
        }
        Double sa = Stats.sd(a);
        Double sb = Stats.sd(b);
        if (sa == 0 && sb == 0) {
            return Stats.mean(a) == Stats.mean(b) ? 1.0 : 0.0;
        }
        return new TTest().tTest(a, b);
    }

    /** Numeric levels in numeric order (10 before 20 before 100), others after, alphabetically. */
    static int compareLevels(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

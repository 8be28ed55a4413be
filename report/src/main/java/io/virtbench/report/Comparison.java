package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The study's comparison: per feature and platform the mean, sample standard deviation and n;
 * the ratio to the baseline platform's mean; whether the difference is significant (Welch's
 * t-test, two-sided, unequal variances); the DESMET score of the ratio; and the low-level and
 * high-level totals. A sweep (OLTP threads, HTTP concurrency) is summarised as the mean of its
 * per-level means, as the study did, and is also shown per level.
 */
public final class Comparison {
    public static final double DEFAULT_ALPHA = 0.05;

    private Comparison() {
    }

    /**
     * One platform's figures for a feature (level null) or for one level of its sweep.
     *
     * @param stddev      sample standard deviation; null when n &lt; 2
     * @param ratio       mean / the baseline's mean; null without a baseline figure
     * @param pValue      Welch's two-sided p-value against the baseline; null for the baseline itself or n &lt; 2
     * @param significant pValue &lt; alpha; null when there is no p-value
     * @param score       DESMET score 0..4; null on per-level rows and without a ratio
     */
    public record Row(String platform, String level, int n, double mean, Double stddev, Double ratio, Double pValue,
                      Boolean significant, Integer score) {
    }

    /** A feature's rows: {@code platforms} one per platform with results, {@code levels} per sweep level and platform. */
    public record FeatureResult(Feature feature, List<Row> platforms, List<String> levelOrder, List<Row> levels) {
        public Row row(String platform) {
            return platforms.stream().filter(r -> r.platform().equals(platform)).findFirst().orElse(null);
        }

        public Row row(String platform, String level) {
            return levels.stream().filter(r -> r.platform().equals(platform) && r.level().equals(level)).findFirst()
                    .orElse(null);
        }
    }

    /** A platform's summed scores; null where it has no score at that level. */
    public record Total(String platform, Integer low, int lowFeatures, Integer high, int highFeatures) {
    }

    /**
     * @param unmatched results that no feature reads, counted by "workload test" (a sign of a
     *                  metric-name mismatch between a parser and the scheme)
     */
    public record Report(String scheme, String baseline, double alpha, List<String> platforms, int results,
                         List<FeatureResult> features, List<Total> totals, Map<String, Integer> unmatched) {
        public FeatureResult feature(String id) {
            return features.stream().filter(f -> f.feature().id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no feature " + id));
        }

        public Total total(String platform) {
            return totals.stream().filter(t -> t.platform().equals(platform)).findFirst().orElse(null);
        }
    }

    public static Report compare(List<RunResult> results, Scheme scheme, String baseline, double alpha) {
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
        for (Feature f : scheme.features()) {
            features.add(feature(f, results, platforms, base, alpha));
        }
        List<Total> totals = new ArrayList<>();
        for (String p : platforms) {
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
                } else {
                    high = (high == null ? 0 : high) + row.score();
                    highN++;
                }
            }
            totals.add(new Total(p, low, lowN, high, highN));
        }
        return new Report(scheme.name(), base, alpha, platforms, results.size(), List.copyOf(features), List.copyOf(totals),
                unmatched);
    }

    private static FeatureResult feature(Feature f, List<RunResult> results, List<String> platforms, String base,
                                         double alpha) {
        // platform -> level -> values, in result order
        Map<String, Map<String, List<Double>>> data = new LinkedHashMap<>();
        Set<String> levelSet = new TreeSet<>(Comparison::compareLevels);
        for (RunResult r : results) {
            if (!f.matches(r)) {
                continue;
            }
            String level = f.levelOf(r);
            levelSet.add(level);
            data.computeIfAbsent(Platforms.of(r), k -> new LinkedHashMap<>())
                    .computeIfAbsent(level, k -> new ArrayList<>())
                    .add(r.value(f.metric()));
        }
        List<String> levels = List.copyOf(levelSet);
        Map<String, List<Double>> baseData = data.get(base);
        double[] basePooled = baseData == null ? null : pooled(baseData);
        Double baseMean = baseData == null ? null : meanOfLevels(baseData);
        List<Row> rows = new ArrayList<>();
        List<Row> levelRows = new ArrayList<>();
        for (String p : platforms) {
            Map<String, List<Double>> d = data.get(p);
            if (d == null) {
                continue;
            }
            double[] all = pooled(d);
            double mean = meanOfLevels(d);
            Double ratio = baseMean == null || baseMean == 0 ? null : mean / baseMean;
            boolean isBase = p.equals(base);
            Double pValue;
            Double stddev;
            if (f.sweep() == null) {
                stddev = sd(all);
                pValue = isBase || basePooled == null ? null : welch(all, basePooled);
            } else {
                // the levels differ by design: spread and test within levels, not across them
                stddev = pooledWithinLevels(d);
                pValue = isBase || baseData == null ? null
                        : welch(normalised(d, baseData), normalised(baseData, baseData));
            }
            Integer score = ratio == null ? null : f.score(ratio);
            rows.add(new Row(p, null, all.length, mean, stddev, ratio, pValue,
                    pValue == null ? null : pValue < alpha, score));
            if (f.sweep() != null) {
                for (String level : levels) {
                    List<Double> v = d.get(level);
                    if (v == null) {
                        continue;
                    }
                    double[] a = toArray(v);
                    double m = mean(a);
                    List<Double> bv = baseData == null ? null : baseData.get(level);
                    double[] b = bv == null ? null : toArray(bv);
                    Double lr = b == null || mean(b) == 0 ? null : m / mean(b);
                    Double lp = isBase || b == null ? null : welch(a, b);
                    levelRows.add(new Row(p, level, a.length, m, sd(a), lr, lp, lp == null ? null : lp < alpha, null));
                }
            }
        }
        levelRows.sort(Comparator.comparing((Row r) -> r.level(), Comparison::compareLevels)
                .thenComparingInt(r -> platforms.indexOf(r.platform())));
        return new FeatureResult(f, List.copyOf(rows), f.sweep() == null ? List.of() : levels, List.copyOf(levelRows));
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
        Double sa = sd(a);
        Double sb = sd(b);
        if (sa == 0 && sb == 0) {
            return mean(a) == mean(b) ? 1.0 : 0.0;
        }
        return new TTest().tTest(a, b);
    }

    /**
     * Each run divided by the baseline's mean at the run's level, for the levels the baseline
     * has: a sweep's runs on one scale, so that Welch's test compares platforms, not levels.
     */
    private static double[] normalised(Map<String, List<Double>> byLevel, Map<String, List<Double>> base) {
        List<Double> out = new ArrayList<>();
        byLevel.forEach((level, values) -> {
            List<Double> b = base.get(level);
            double m = b == null ? 0 : mean(toArray(b));
            if (m != 0) {
                values.forEach(v -> out.add(v / m));
            }
        });
        return toArray(out);
    }

    /** The pooled within-level standard deviation: sqrt(sum((n_l - 1) s_l^2) / sum(n_l - 1)); null without repeats. */
    private static Double pooledWithinLevels(Map<String, List<Double>> byLevel) {
        double ss = 0;
        int df = 0;
        for (List<Double> v : byLevel.values()) {
            double[] a = toArray(v);
            double m = mean(a);
            for (double x : a) {
                ss += (x - m) * (x - m);
            }
            df += a.length - 1;
        }
        return df == 0 ? null : Math.sqrt(ss / df);
    }

    /** The mean of the per-level means (one level without a sweep). */
    private static double meanOfLevels(Map<String, List<Double>> byLevel) {
        double s = 0;
        for (List<Double> v : byLevel.values()) {
            s += mean(toArray(v));
        }
        return s / byLevel.size();
    }

    private static double[] pooled(Map<String, List<Double>> byLevel) {
        return byLevel.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }

    /** Sample standard deviation (n - 1), null when n &lt; 2. */
    static Double sd(double[] a) {
        if (a.length < 2) {
            return null;
        }
        double m = mean(a);
        double s = 0;
        for (double x : a) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (a.length - 1));
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

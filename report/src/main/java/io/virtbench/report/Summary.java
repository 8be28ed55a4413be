package io.virtbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of one group of runs: per level (one level "-" without a sweep). The mean is the
 * mean of the per-level means (the study's "mean across all concurrency levels"); the standard
 * deviation of a sweep is the pooled within-level one (run-to-run noise, not the spread between
 * levels), and its confidence interval is that of the mean of level means.
 */
record Summary(Map<String, double[]> byLevel, boolean sweep, int n, double mean, Double sd, Double median, Double min,
               Double max, Double cv, Double ciLow, Double ciHigh) {

    static Summary of(Map<String, double[]> byLevel, boolean sweep) {
        int n = 0;
        double meanOfMeans = 0;
        double ss = 0;
        int df = 0;
        double varOfMean = 0;
        for (double[] v : byLevel.values()) {
            n += v.length;
            double m = Stats.mean(v);
            meanOfMeans += m;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            df += v.length - 1;
            Double s = Stats.sd(v);
            varOfMean += s == null ? 0 : s * s / v.length;
        }
        int levels = byLevel.size();
        if (levels == 0) {
            return new Summary(byLevel, sweep, 0, Double.NaN, null, null, null, null, null, null, null);
        }
        double mean = meanOfMeans / levels;
        double[] all = pooled(byLevel);
        Double sd;
        Double half = null;
        if (sweep) {
            sd = df == 0 ? null : Math.sqrt(ss / df);
            if (df > 0 && byLevel.values().stream().allMatch(v -> v.length > 1)) {
                half = Stats.t975(df) * Math.sqrt(varOfMean) / levels;
            }
        } else {
            sd = Stats.sd(all);
            half = sd == null ? null : Stats.t975(all.length - 1) * sd / Math.sqrt(all.length);
        }
        boolean single = !sweep || levels == 1;
        Double cv = sd == null || mean == 0 ? null : sd / Math.abs(mean);
        return new Summary(byLevel, sweep, n, mean, sd, single ? Stats.median(all) : null,
                single ? min(all) : null, single ? max(all) : null, cv,
                half == null ? null : mean - half, half == null ? null : mean + half);
    }

    /**
     * This group's runs and the baseline's, on one scale for the tests: as they are without a
     * sweep; with one, each run divided by the baseline's mean at its level (levels the baseline
     * lacks are left out), so that the tests compare platforms, not levels.
     */
    double[][] against(Summary base) {
        if (!sweep) {
            return new double[][] {pooled(byLevel), pooled(base.byLevel)};
        }
        return new double[][] {normalised(byLevel, base.byLevel), normalised(base.byLevel, base.byLevel)};
    }

    private static double[] normalised(Map<String, double[]> byLevel, Map<String, double[]> base) {
        List<Double> out = new ArrayList<>();
        byLevel.forEach((level, values) -> {
            double[] b = base.get(level);
            double m = b == null ? 0 : Stats.mean(b);
            if (m != 0) {
                for (double v : values) {
                    out.add(v / m);
                }
            }
        });
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] pooled(Map<String, double[]> byLevel) {
        return byLevel.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double min(double[] a) {
        return java.util.Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return java.util.Arrays.stream(a).max().orElse(Double.NaN);
    }
}

package io.virtbench.report;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics a report shows beside the study's mean and standard deviation: median,
 * quartiles, Tukey's outlier fences, a t confidence interval of the mean, a permutation test of
 * the difference of means, and Hedges' g with its interval.
 */
final class Stats {
    /** Resamples of the permutation test (as Firecracker's A/B performance tests use). */
    static final int PERMUTATIONS = 9_999;
    /** Fixed seed: the same runs give the same permutation p-value on every machine. */
    static final long SEED = 0x5EED_2021L;
    /** Tukey's fences: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR. */
    static final double FENCE = 1.5;
    /** Fewer runs than this have no quartiles worth fencing. */
    static final int MIN_FOR_OUTLIERS = 4;

    private Stats() {
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

    /** The p-quantile by linear interpolation between order statistics (R's type 7, NumPy's default). */
    static double quantile(double[] a, double p) {
        double[] s = a.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double median(double[] a) {
        return quantile(a, 0.5);
    }

    /** Which values lie outside Tukey's fences; none with fewer than {@link #MIN_FOR_OUTLIERS} values. */
    static boolean[] outliers(double[] a) {
        boolean[] out = new boolean[a.length];
        if (a.length < MIN_FOR_OUTLIERS) {
            return out;
        }
        double q1 = quantile(a, 0.25);
        double q3 = quantile(a, 0.75);
        double iqr = q3 - q1;
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] < q1 - FENCE * iqr || a[i] > q3 + FENCE * iqr;
        }
        return out;
    }

    /** The two-sided 97.5 % quantile of Student's t with {@code df} degrees of freedom. */
    static double t975(double df) {
        return new TDistribution(df).inverseCumulativeProbability(0.975);
    }

    /**
     * Two-sided permutation test of the difference of means: the share of {@link #PERMUTATIONS}
     * random relabellings (seeded) whose |mean difference| is at least the observed one, counting
     * the observed labelling too ((k + 1) / (R + 1), never 0). Null when either side has fewer than 2 runs.
     */
    static Double permutation(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return null;
        }
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double total = 0;
        for (double x : all) {
            total += x;
        }
        double observed = Math.abs(mean(a) - mean(b));
        double tolerance = 1e-12 * Math.max(1, Math.abs(total));
        SplittableRandom random = new SplittableRandom(SEED);
        int extreme = 0;
        for (int r = 0; r < PERMUTATIONS; r++) {
            // a partial Fisher-Yates shuffle: the first a.length places are the relabelled first sample
            double sumA = 0;
            for (int i = 0; i < a.length; i++) {
                int j = i + random.nextInt(all.length - i);
                double t = all[i];
                all[i] = all[j];
                all[j] = t;
                sumA += all[i];
            }
            double d = Math.abs(sumA / a.length - (total - sumA) / b.length);
            if (d >= observed - tolerance) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (PERMUTATIONS + 1.0);
    }

    /** Hedges' g (a - b in pooled standard deviations, small-sample corrected) and its 95 % interval. */
    record Effect(double g, double low, double high) {
    }

    /** Null when either side has fewer than 2 runs or both are constant. */
    static Effect hedges(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 < 2 || n2 < 2) {
            return null;
        }
        double s1 = sd(a);
        double s2 = sd(b);
        double pooled = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
        if (pooled == 0) {
            return null;
        }
        double j = 1 - 3.0 / (4 * (n1 + n2) - 9);
        double g = j * (mean(a) - mean(b)) / pooled;
        // the large-sample standard error of Hedges and Olkin (1985)
        double se = Math.sqrt((n1 + n2) / (double) (n1 * n2) + g * g / (2.0 * (n1 + n2)));
        return new Effect(g, g - 1.959964 * se, g + 1.959964 * se);
    }
}

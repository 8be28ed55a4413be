package io.virtbench.suite.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The density figures of {@code suite --on oci:RUNTIME --guests N}: for one platform, one step and
 * N guests that ran it at once, each guest's figure, the minimum, the sum, each guest's figure
 * over the platform's figure with one guest (P(N)/P(1), when the sweep holds N = 1) and Jain's
 * fairness index, (sum x)^2 / (n * sum x^2): 1 when every guest got the same, 1/n when one got all.
 *
 * @param platform the platform label (without the guest's #i)
 * @param guests   N
 * @param step     the profile step
 * @param metric   the step's primary figure (its first metric that is not informational)
 * @param unit     its unit
 * @param higherIsBetter its direction
 * @param values   each guest's figure, guest 1 first (the mean over --repeat)
 * @param min      the smallest figure
 * @param sum      the figures' sum
 * @param vsOne    each guest's figure over P(1), or null when the sweep has no run with one guest
 * @param jain     Jain's fairness index of the figures
 */
public record Density(String platform, int guests, String step, String metric, String unit, boolean higherIsBetter,
                      List<Double> values, double min, double sum, List<Double> vsOne, double jain) {

    /** The row for {@code values}; {@code one} is P(1), or NaN when unknown. */
    public static Density of(String platform, int guests, String step, String metric, String unit, boolean higherIsBetter,
                             List<Double> values, double one) {
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (double v : values) {
            min = Math.min(min, v);
            sum += v;
        }
        List<Double> vsOne = null;
        if (!Double.isNaN(one) && one > 0) {
            vsOne = new ArrayList<>();
            for (double v : values) {
                vsOne.add(v / one);
            }
        }
        return new Density(platform, guests, step, metric, unit, higherIsBetter, List.copyOf(values),
                values.isEmpty() ? Double.NaN : min, sum, vsOne, jain(values));
    }

    /** Jain's fairness index; NaN for no figures or figures that are all zero. */
    public static double jain(List<Double> x) {
        double sum = 0;
        double squares = 0;
        for (double v : x) {
            sum += v;
            squares += v * v;
        }
        return x.isEmpty() || squares == 0 ? Double.NaN : sum * sum / (x.size() * squares);
    }

    /** P(1) for a step: the figure of the one guest of the sweep's N = 1 set, or NaN. */
    static double one(Map<Integer, List<Double>> byGuests) {
        List<Double> v = byGuests.get(1);
        return v == null || v.size() != 1 ? Double.NaN : v.get(0);
    }
}

package io.virtbench.core.result;


/**
 * One metric over repeated runs: n, mean, sample standard deviation, min, median, max, and the
 * two-sided 95 % confidence interval of the mean (Student's t; null when n &lt; 2).
 */
public record MetricSummary(String name, String unit, Direction direction, int n, double mean, double stddev,
                            double min, double median, double max, Double ci95Low, Double ci95High) {
}

package io.virtbench.core.result;

import java.util.Map;

/**
 * One interval report: {@code time} is seconds since the measured start at the end of the
 * interval, {@code seconds} its measured length, and {@code values} the interval's figures by
 * metric name (rates per second of this interval, latency percentile, ...).
 */
public record Interval(double time, double seconds, Map<String, Double> values) {
}

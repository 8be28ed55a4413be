package io.virtbench.core.result;

import io.virtbench.core.stats.Histograms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Statistics over the runs of {@code --repeat N}: per metric (see {@link MetricSummary}), and the
 * latency histograms of all runs merged (percentiles of the merged histogram, never an average
 * of per-run percentiles).
 */
public record RepeatSummary(String workload, String test, int runs, List<MetricSummary> metrics,
                            LatencySummary latency) {

    public static RepeatSummary of(List<RunResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to summarise");
        }
        Map<String, List<Metric>> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            for (Metric m : r.metrics()) {
                byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
            }
        }
        List<MetricSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<Metric>> e : byName.entrySet()) {
            Metric first = e.getValue().get(0);
            double[] values = e.getValue().stream().mapToDouble(Metric::value).toArray();
            out.add(summarise(first.name(), first.unit(), first.direction(), values));
        }
        return new RepeatSummary(results.get(0).workload(), results.get(0).test(), results.size(), List.copyOf(out),
                mergedLatency(results));
    }

    /** Summary statistics of {@code values}. */
    public static MetricSummary summarise(String name, String unit, io.virtbench.core.result.Direction direction,
                                          double[] values) {
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        int n = values.length;
        double sd = n > 1 ? s.getStandardDeviation() : 0;
        Double lo = null;
        Double hi = null;
        if (n > 1) {
            double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
            double half = t * sd / Math.sqrt(n);
            lo = s.getMean() - half;
            hi = s.getMean() + half;
        }
        return new MetricSummary(name, unit, direction, n, s.getMean(), sd, s.getMin(), s.getPercentile(50),
                s.getMax(), lo, hi);
    }

    private static LatencySummary mergedLatency(List<RunResult> results) {
        Histogram merged = null;
        int percentile = 0;
        for (RunResult r : results) {
            if (r.latency() == null || r.latency().histogram() == null) {
                continue;
            }
            Histogram h = r.latency().decodeHistogram();
            if (merged == null) {
                merged = Histograms.newNanosHistogram();
            }
            merged.add(h);
            percentile = r.latency().percentile();
        }
        return merged == null ? null : LatencySummary.ofHistogram(merged, percentile);
    }

    public MetricSummary metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + name));
    }
}

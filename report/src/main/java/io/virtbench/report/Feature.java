package io.virtbench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One compared feature of the study (boot time, CPU events, database read...): which results
 * it reads (workload, test, parameters that must match, metric), how a sweep is averaged, which
 * way is better, and the ratio thresholds of scores 1 to 4.
 *
 * @param id         short name (CSV/JSON key), e.g. {@code cpu}
 * @param title      shown in tables and charts, e.g. "CPU events"
 * @param level      which total the score counts towards: low or high; beyond (a workload the study did not
 *                   run) counts towards neither and is scored in a table of its own
 * @param workload   {@link RunResult#workload()} to read
 * @param test       {@link RunResult#test()} to read, or null for any
 * @param where      parameters that must have these values (compared as text), e.g. role=client
 * @param metric     the metric's name in the results
 * @param sweep      the parameter whose levels are averaged (threads, concurrency), or null
 * @param better     which way is better
 * @param scores     ratio to the baseline in percent needed for scores 1, 2, 3, 4: at least
 *                   (higher is better) or at most (lower is better)
 * @param unit       unit shown
 * @param chart      bar (mean with standard-deviation whiskers per platform) or line (mean against the sweep)
 */
public record Feature(String id, String title, Level level, String workload, String test, Map<String, String> where,
                      String metric, String sweep, Better better, List<Double> scores, String unit, Chart chart) {

    public enum Level {
        LOW, HIGH, BEYOND;

        /** The study's two levels, each with its total; {@link #BEYOND} is not one of them. */
        public boolean study() {
            return this != BEYOND;
        }

        /** "low level", "high level", "beyond the study": as the feature's heading names it. */
        public String heading() {
            return this == BEYOND ? "beyond the study" : name().toLowerCase(java.util.Locale.ROOT) + " level";
        }
    }

    public enum Better { HIGHER, LOWER }

    public enum Chart { BAR, LINE, NONE }

    public Feature {
        Objects.requireNonNull(id, "id");
        where = where == null ? Map.of() : Map.copyOf(where);
        scores = List.copyOf(scores);
        if (chart == null) {
            chart = sweep != null ? Chart.LINE : Chart.BAR;
        }
    }

    /** True if {@code r} is a completed run of this feature's workload, test and parameters, with its metric. */
    public boolean matches(RunResult r) {
        if (!workload.equals(r.workload()) || (test != null && !test.equals(r.test()))) {
            return false;
        }
        if (r.status() != null && r.status() != RunStatus.COMPLETE) {
            return false;
        }
        for (Map.Entry<String, String> w : where.entrySet()) {
            Object v = r.parameters().get(w.getKey());
            if (v == null || !text(v).equals(w.getValue())) {
                return false;
            }
        }
        return r.metric(metric).isPresent();
    }

    /** The run's sweep level (its {@link #sweep} parameter as text), or "-" when it has none. */
    public String levelOf(RunResult r) {
        Object v = sweep == null ? null : r.parameters().get(sweep);
        return v == null ? "-" : text(v);
    }

    /** Parameter values as a user writes them: 10 rather than 10.0. */
    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    /** The DESMET score 0..4 of a ratio to the baseline (1.0 = equal). */
    public int score(double ratio) {
        double pct = ratio * 100;
        int s = 0;
        for (int i = 0; i < scores.size(); i++) {
            double t = scores.get(i);
            boolean meets = better == Better.HIGHER ? pct >= t - 1e-9 : pct <= t + 1e-9;
            if (meets) {
                s = i + 1;
            }
        }
        return s;
    }

    /** "higher is better" or "lower is better". */
    @JsonIgnore
    public String direction() {
        return better == Better.HIGHER ? "higher is better" : "lower is better";
    }

    /** What it reads, e.g. "oltp read_only transactions, mean over threads". */
    @JsonIgnore
    public String source() {
        StringBuilder b = new StringBuilder(workload);
        if (test != null) {
            b.append(' ').append(test);
        }
        where.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        b.append(' ').append(metric);
        return b.toString();
    }
}

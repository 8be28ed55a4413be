package io.virtbench.core.sysbench;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.Fairness;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;

/**
 * Turns a harness {@link Measurement} into the parts of a result every sysbench-style workload
 * shares, with the same metric names the sysbench log parser produces, so native and virtbench
 * results line up metric by metric.
 */
public final class SysbenchMetrics {
    private SysbenchMetrics() {
    }

    /**
     * A builder with status, times, the harness parameters, latency, fairness and errors. The
     * workload adds its parameters and metrics, then calls {@link #common}.
     */
    public static RunResult.Builder start(String workload, Measurement m, RunSettings s) {
        RunResult.Builder b = RunResult.builder(workload)
                .status(switch (m.status()) {
                    case COMPLETE -> RunStatus.COMPLETE;
                    case INTERRUPTED -> RunStatus.INTERRUPTED;
                    case FAILED -> RunStatus.FAILED;
                })
                .message(m.failure())
                .start(m.start())
                .end(m.end())
                .parameter("threads", s.threads())
                .parameter("time", s.time())
                .parameter("events", s.events())
                .parameter("warmup-time", s.warmupTime())
                .parameter("report-interval", s.reportInterval())
                .parameter("rate", s.rate())
                .parameter("percentile", s.percentile())
                .latency(LatencySummary.of(m.threads(), m.latencyNs(), s.percentile()))
                .fairness(Fairness.of(m.threads()))
                .errors(m.errors());
        if (m.jitWarmup() != null) {
            b.detail("jit_warmup", m.jitWarmup().asDetail());
        }
        if (m.intendedLatencyNs() != null) {
            b.intendedLatency(LatencySummary.ofHistogram(m.intendedLatencyNs(), s.percentile()));
        }
        return b;
    }

    /** Adds total time, total events and the latency figures, after the workload's own metrics. */
    public static RunResult.Builder common(RunResult.Builder b, double totalTime, long events, LatencySummary l) {
        b.info("total_time_seconds", totalTime, "s");
        b.info("total_events", events, "events");
        b.lower("latency_min_ms", l.minMs(), "ms");
        b.lower("latency_avg_ms", l.avgMs(), "ms");
        b.lower("latency_max_ms", l.maxMs(), "ms");
        if (l.percentile() > 0) {
            b.lower("latency_p" + l.percentile() + "_ms", l.percentileMs(), "ms");
        }
        b.info("latency_sum_ms", l.sumMs(), "ms");
        return b;
    }

    /** {@link #common} for a harness measurement whose builder came from {@link #start}. */
    public static RunResult.Builder common(RunResult.Builder b, Measurement m) {
        return common(b, m.totalTimeSeconds(), m.events(), b.latency());
    }
}

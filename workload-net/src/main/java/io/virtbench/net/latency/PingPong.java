package io.virtbench.net.latency;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.result.ThreadTotals;
import org.HdrHistogram.Histogram;

/**
 * {@code virtbench net latency}: sockperf's ping-pong (netperf's TCP_RR / UDP_RR) against a
 * sockperf server or virtbench's: one message in flight, the next sent when the answer is in.
 * The harness runs the loop on one thread, times every round trip and owns the limits: the
 * warm-up (sockperf drops its first 400 ms), then {@code -t} seconds, at most {@code --mps}
 * messages a second (Poisson arrivals, the harness's {@code --rate}; sockperf spaces them evenly).
 */
public final class PingPong {

    private PingPong() {
    }

    /** One run; prints sockperf's summary on {@link Output#live()} when the format is text. */
    public static RunResult run(LatencyOptions o, Output out, int repetition) throws Exception {
        RunSettings settings = new RunSettings(1, o.time(), 0, o.warmupTime(), 0, o.mps(), 0);
        Measurement m;
        try (ReplyWatchdog watchdog = new ReplyWatchdog()) {
            m = Harness.run(new Client(o, watchdog), settings, Harness.SILENT, out.stop());
        }
        RunResult r = result(o, m, repetition);
        if (out.text()) {
            LatencyMetrics.print(out.live(), "virtbench", figures(o, m), o.fullRtt());
            out.live().flush();
        }
        return r;
    }

    static RunResult result(LatencyOptions o, Measurement m, int repetition) {
        RunResult.Builder b = RunResult.builder(LatencyMetrics.WORKLOAD)
                .test(o.protocol())
                .repetition(repetition)
                .status(switch (m.status()) {
                    case COMPLETE -> RunStatus.COMPLETE;
                    case INTERRUPTED -> RunStatus.INTERRUPTED;
                    case FAILED -> RunStatus.FAILED;
                })
                .message(m.failure())
                .start(m.start())
                .end(m.end())
                .parameter("ip", o.ip())
                .parameter("port", o.port())
                .parameter("tcp", o.tcp())
                .parameter("time", o.time())
                .parameter("msg-size", o.msgSize())
                .parameter("mps", o.mps() == 0 ? "max" : LatencyOptions.number(o.mps()))
                .parameter("full-rtt", o.fullRtt())
                .parameter("warmup-time", o.warmupTime())
                .nativeCommand(NativeTool.commandLine(o.sockperfCommand()))
                .latency(LatencySummary.of(m.threads(), m.latencyNs(), 0))
                .errors(m.errors());
        if (m.intendedLatencyNs() != null) {
            b.intendedLatency(LatencySummary.ofHistogram(m.intendedLatencyNs(), 0));
        }
        LatencyMetrics.addTo(b, figures(o, m), o.fullRtt());
        b.info("total_time_seconds", m.totalTimeSeconds(), "s");
        long stale = m.total(Counter.ERRORS);
        if (stale > 0) {
            b.detail("stale_answers", stale);
        }
        return b.build();
    }

    /** The run's figures in sockperf's terms: half round trips (unless full), microseconds. */
    static LatencyMetrics.Figures figures(LatencyOptions o, Measurement m) {
        double div = o.fullRtt() ? 1000.0 : 2000.0;
        Histogram h = m.latencyNs();
        long n = m.events();
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (ThreadTotals t : m.threads()) {
            sum += t.sumNs();
            if (t.events() > 0) {
                min = Math.min(min, t.minNs());
            }
            max = Math.max(max, t.maxNs());
        }
        double[] p = new double[LatencyMetrics.PERCENTILES.length];
        for (int i = 0; i < p.length; i++) {
            // the histogram's value is the top of its bucket, which can be above the exact maximum
            p[i] = n == 0 ? 0 : Math.min(h.getValueAtPercentile(LatencyMetrics.PERCENTILES[i]), max) / div;
        }
        return new LatencyMetrics.Figures(m.totalTimeSeconds(), n, n, n == 0 ? 0 : sum / (double) n / div,
                n == 0 ? 0 : h.getStdDeviation() / div, n == 0 ? 0 : min / div, max / div, p, m.total(Counter.ERRORS));
    }

    /** The harness's view of the client: one worker, one connection. */
    private record Client(LatencyOptions o, ReplyWatchdog watchdog) implements Workload {
        @Override
        public String name() {
            return LatencyMetrics.WORKLOAD;
        }

        @Override
        public Worker createWorker(int threadIndex) throws Exception {
            return PingPongWorker.open(o, watchdog);
        }
    }
}

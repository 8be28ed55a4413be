package io.virtbench.micro;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code virtbench micro}: runs one {@link MicroOp} on the harness and reports nanoseconds per
 * operation from the harness's latency histogram. Every figure includes the harness's own timing
 * (two clock reads per event), which the {@code clock} operation shows on its own.
 */
public final class MicroBenchmark {
    public static final String WORKLOAD = "micro";
    public static final String NS_PER_OP = "ns_per_op";
    public static final String OPS_PER_SECOND = "ops_per_second";

    /** The percentiles reported, with their metric names. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_NAMES = {"ns_p50", "ns_p90", "ns_p99", "ns_p99_9"};

    private MicroBenchmark() {
    }

    /** The header of the text table, one line per operation below it. */
    public static void header(PrintStream out) {
        out.printf(Locale.ROOT, "%-11s %12s %10s %10s %10s %10s %12s  %s%n",
                "op", "ops/s", "ns mean", "ns stdev", "ns p50", "ns p99", "events", "system calls per op");
        out.flush();
    }

    /** One run of {@code op}; with text output, prints its table line. */
    public static RunResult run(MicroOp op, RunSettings settings, Output o, int repetition, Path tmpRoot)
            throws Exception {
        Measurement m = Harness.run(new MicroWorkload(op, tmpRoot), settings, Harness.SILENT, o.stop());
        RunResult r = result(op, settings, m, repetition, o);
        if (o.text()) {
            line(o.out(), op, m);
        }
        return r;
    }

    static RunResult result(MicroOp op, RunSettings settings, Measurement m, int repetition, Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .test(op.label())
                .repetition(repetition)
                .host(o.host())
                .parameter("op", op.label())
                .detail("syscalls", op.syscalls());
        Histogram h = m.latencyNs();
        b.higher(OPS_PER_SECOND, m.perSecond(Counter.EVENTS), "ops/s");
        b.lower(NS_PER_OP, m.events() > 0 ? h.getMean() : 0, "ns");
        b.info("ns_stdev", m.events() > 0 ? h.getStdDeviation() : 0, "ns");
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.lower(PERCENTILE_NAMES[i], h.getValueAtPercentile(PERCENTILES[i]), "ns");
        }
        SysbenchMetrics.common(b, m);
        return b.build();
    }

    private static void line(PrintStream out, MicroOp op, Measurement m) {
        Histogram h = m.latencyNs();
        boolean any = m.events() > 0;
        out.printf(Locale.ROOT, "%-11s %12.0f %10.1f %10.1f %10d %10d %12d  %s%n", op.label(),
                m.perSecond(Counter.EVENTS), any ? h.getMean() : 0, any ? h.getStdDeviation() : 0,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), m.events(), op.syscalls());
        out.flush();
    }
}

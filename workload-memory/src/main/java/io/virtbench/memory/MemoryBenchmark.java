package io.virtbench.memory;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code virtbench memory}: runs the memory workload once and reports it as sysbench does. */
public final class MemoryBenchmark {
    public static final String WORKLOAD = "memory";
    public static final String OPERATIONS_PER_SECOND = "operations_per_second";
    public static final String MIB_TRANSFERRED = "mib_transferred";
    public static final String MIB_PER_SECOND = "mib_per_second";
    static final double MIB = 1024.0 * 1024.0;

    private MemoryBenchmark() {
    }

    /** The figure a crosscheck compares: MiB/s, or operations/s when nothing is transferred. */
    public static String headlineMetric(MemoryOptions o) {
        return o.oper() == MemoryOptions.Oper.NONE ? OPERATIONS_PER_SECOND : MIB_PER_SECOND;
    }

    /**
     * sysbench's memory test replaces {@code --events} by its own limit (memory_init sets
     * max_events to 0), so an event limit would be silently ignored there; here it is refused.
     */
    public static void check(RunSettings s) {
        if (s.events() > 0) {
            throw UserException.usage("invalid value for --events: " + s.events()
                    + " (sysbench's memory test ignores it; limit the run with --memory-total-size or --time)");
        }
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(MemoryOptions options, RunSettings settings, Output o, int repetition) throws Exception {
        check(settings);
        MemoryReport report = new MemoryReport(o.live(), settings, options);
        if (o.text()) {
            report.header();
        }
        Measurement m = Harness.run(new MemoryWorkload(options), settings,
                report.forOutput(o.text()), o.stop());
        RunResult r = result(options, settings, m, repetition, o);
        if (o.text()) {
            MemoryReport.result(r, o.out());
        }
        return r;
    }

    static RunResult result(MemoryOptions options, RunSettings settings, Measurement m, int repetition, Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .repetition(repetition)
                .nativeCommand(SysbenchMemory.commandLine(options, settings))
                .host(o.host());
        parameters(b, options);
        b.higher(OPERATIONS_PER_SECOND, m.perSecond(Counter.EVENTS), "ops/s");
        if (options.oper() != MemoryOptions.Oper.NONE) {
            double mib = m.events() * (double) options.blockSize() / MIB;
            b.info(MIB_TRANSFERRED, mib, "MiB");
            b.higher(MIB_PER_SECOND, m.totalTimeSeconds() > 0 ? mib / m.totalTimeSeconds() : 0, "MiB/s");
        }
        SysbenchMetrics.common(b, m);
        for (IntervalSample s : m.intervals()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("threads", (double) s.threads());
            v.put(MIB_PER_SECOND, s.perSecond(Counter.EVENTS) * options.blockSize() / MIB);
            b.interval(new Interval(s.time(), s.seconds(), v));
        }
        return b.build();
    }

    static void parameters(RunResult.Builder b, MemoryOptions o) {
        b.parameter("memory-block-size", o.blockSize())
                .parameter("memory-total-size", o.totalSize())
                .parameter("memory-scope", MemoryOptions.label(o.scope()))
                .parameter("memory-oper", MemoryOptions.label(o.oper()))
                .parameter("memory-access-mode", MemoryOptions.label(o.mode()));
    }
}

package io.virtbench.mutex;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.EventsReport;
import io.virtbench.core.sysbench.SysbenchMetrics;
import io.virtbench.core.sysbench.SysbenchText;

/**
 * {@code virtbench mutex}: runs the mutex workload once and reports it as sysbench does: the
 * header, the default interval lines and the common final block, nothing of its own (its
 * print_mode line is INFO, hidden at sysbench's default verbosity). The figure that matters is
 * time: the total time and each thread's event time (the latency block).
 */
public final class MutexBenchmark {
    public static final String WORKLOAD = "mutex";
    /** The figure a crosscheck compares: the average thread's time for its locks, in ms. */
    public static final String HEADLINE = "latency_avg_ms";

    private MutexBenchmark() {
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(MutexOptions options, RunSettings settings, Output o, int repetition) throws Exception {
        EventsReport report = new EventsReport(o.live(), settings);
        if (o.text()) {
            SysbenchText.header(o.live(), settings, 0);
            SysbenchText.initializingWorkers(o.live());
            o.live().flush();
        }
        Measurement m = Harness.run(new MutexWorkload(options), settings, report.forOutput(o.text()), o.stop());
        RunResult r = result(options, settings, m, repetition, o);
        if (o.text()) {
            SysbenchText.commonBlock(o.out(), r);
            o.out().flush();
        }
        return r;
    }

    static RunResult result(MutexOptions options, RunSettings settings, Measurement m, int repetition, Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .repetition(repetition)
                .nativeCommand(SysbenchMutex.commandLine(options, settings))
                .host(o.host());
        parameters(b, options);
        SysbenchMetrics.common(b, m);
        EventsReport.addIntervals(b, m, settings);
        return b.build();
    }

    static void parameters(RunResult.Builder b, MutexOptions o) {
        b.parameter("mutex-num", o.num()).parameter("mutex-locks", o.locks()).parameter("mutex-loops", o.loops());
    }
}

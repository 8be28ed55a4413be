package io.virtbench.threads;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.EventsReport;
import io.virtbench.core.sysbench.SysbenchMetrics;
import io.virtbench.core.sysbench.SysbenchText;
import java.io.PrintStream;

/**
 * {@code virtbench threads}: runs the threads workload once and reports it as sysbench does. The
 * test prints nothing of its own (its print_mode lines are INFO, hidden at sysbench's default
 * verbosity): the header, the default interval lines and the common final block.
 */
public final class ThreadsBenchmark {
    public static final String WORKLOAD = "threads";
    public static final String EVENTS_PER_SECOND = EventsReport.EVENTS_PER_SECOND;

    private ThreadsBenchmark() {
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(ThreadsOptions options, RunSettings settings, Output o, int repetition) throws Exception {
        EventsReport report = new EventsReport(o.live(), settings);
        if (o.text()) {
            header(o.live(), settings);
        }
        Measurement m = Harness.run(new ThreadsWorkload(options), settings, report.forOutput(o.text()), o.stop());
        RunResult r = result(options, settings, m, repetition, o);
        if (o.text()) {
            SysbenchText.commonBlock(o.out(), r);
            o.out().flush();
        }
        return r;
    }

    static void header(PrintStream out, RunSettings settings) {
        SysbenchText.header(out, settings, 0);
        SysbenchText.initializingWorkers(out);
        out.flush();
    }

    static RunResult result(ThreadsOptions options, RunSettings settings, Measurement m, int repetition, Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .repetition(repetition)
                .nativeCommand(SysbenchThreads.commandLine(options, settings))
                .host(o.host());
        parameters(b, options);
        b.higher(EVENTS_PER_SECOND, m.perSecond(Counter.EVENTS), "events/s");
        SysbenchMetrics.common(b, m);
        EventsReport.addIntervals(b, m, settings);
        return b.build();
    }

    static void parameters(RunResult.Builder b, ThreadsOptions o) {
        b.parameter("thread-yields", o.yields()).parameter("thread-locks", o.locks());
    }
}

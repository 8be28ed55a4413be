package io.virtbench.cpu;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.EventsReport;
import io.virtbench.core.sysbench.SysbenchMetrics;

/** {@code virtbench cpu}: runs the cpu workload once and reports it as sysbench does. */
public final class CpuBenchmark {
    public static final String WORKLOAD = "cpu";
    public static final String EVENTS_PER_SECOND = EventsReport.EVENTS_PER_SECOND;

    private CpuBenchmark() {
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(CpuOptions options, RunSettings settings, Output o, int repetition) throws Exception {
        CpuReport report = new CpuReport(o.live(), settings);
        if (o.text()) {
            report.header(options);
        }
        Measurement m = Harness.run(new CpuWorkload(options), settings, report.forOutput(o.text()), o.stop());
        RunResult r = result(options, settings, m, repetition, o);
        if (o.text()) {
            CpuReport.result(r, o.out());
        }
        return r;
    }

    static RunResult result(CpuOptions options, RunSettings settings, Measurement m, int repetition, Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .repetition(repetition)
                .parameter("cpu-max-prime", options.maxPrime())
                .nativeCommand(SysbenchCpu.commandLine(options, settings))
                .host(o.host());
        b.higher(EVENTS_PER_SECOND, m.perSecond(Counter.EVENTS), "events/s");
        SysbenchMetrics.common(b, m);
        EventsReport.addIntervals(b, m, settings);
        return b.build();
    }
}

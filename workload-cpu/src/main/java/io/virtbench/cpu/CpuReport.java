package io.virtbench.cpu;

import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchListener;
import io.virtbench.core.sysbench.SysbenchText;
import java.io.PrintStream;
import java.util.Locale;

/** sysbench cpu's text layout (spec/sysbench.md §1.3), printed as the run goes. */
final class CpuReport extends SysbenchListener {

    CpuReport(PrintStream out, RunSettings settings) {
        super(out, settings);
    }

    void header(CpuOptions options) {
        SysbenchText.header(out, settings, 0);
        out.println("Prime numbers limit: " + options.maxPrime());
        out.println();
        SysbenchText.initializingWorkers(out);
        out.flush();
    }

    @Override
    public void interval(IntervalSample s) {
        out.println(SysbenchText.intervalPrefix(s) + String.format(Locale.ROOT, "thds: %d eps: %4.2f lat (ms,%d%%): %4.2f",
                s.threads(), s.perSecond(io.virtbench.core.harness.Counter.EVENTS), settings.percentile(), s.percentileMs()));
        if (settings.rate() > 0) {
            SysbenchText.rateLine(out, s, false);
        }
        out.flush();
    }

    /** The final report: CPU speed, then the common block. */
    static void result(RunResult r, PrintStream out) {
        out.println("CPU speed:");
        out.printf(Locale.ROOT, "    events per second: %8.2f%n", r.value(CpuBenchmark.EVENTS_PER_SECOND));
        SysbenchText.commonBlock(out, r);
        out.flush();
    }
}

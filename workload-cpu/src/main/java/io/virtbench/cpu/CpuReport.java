package io.virtbench.cpu;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.EventsReport;
import io.virtbench.core.sysbench.SysbenchText;
import java.io.PrintStream;
import java.util.Locale;

/** sysbench cpu's text layout (spec/sysbench.md §1.3), printed as the run goes. */
final class CpuReport extends EventsReport {

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

    /** The final report: CPU speed, then the common block. */
    static void result(RunResult r, PrintStream out) {
        out.println("CPU speed:");
        out.printf(Locale.ROOT, "    events per second: %8.2f%n", r.value(CpuBenchmark.EVENTS_PER_SECOND));
        SysbenchText.commonBlock(out, r);
        out.flush();
    }
}

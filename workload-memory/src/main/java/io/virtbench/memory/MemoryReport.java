package io.virtbench.memory;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchListener;
import io.virtbench.core.sysbench.SysbenchText;
import java.io.PrintStream;
import java.util.Locale;

/** sysbench memory's text layout (memory_print_mode, memory_report_*), printed as the run goes. */
final class MemoryReport extends SysbenchListener {
    private final MemoryOptions options;

    MemoryReport(PrintStream out, RunSettings settings, MemoryOptions options) {
        super(out, settings);
        this.options = options;
    }

    void header() {
        SysbenchText.header(out, settings, 0);
        out.println("Running memory speed test with the following options:");
        // C's %ld of integer divisions: a 512-byte block prints as 0KiB, as in sysbench
        out.println("  block size: " + options.blockSize() / 1024 + "KiB");
        out.println("  total size: " + options.totalSize() / 1024 / 1024 + "MiB");
        out.println("  operation: " + MemoryOptions.label(options.oper()));
        out.println("  scope: " + MemoryOptions.label(options.scope()));
        out.println();
        SysbenchText.initializingWorkers(out);
        out.flush();
    }

    @Override
    public void interval(IntervalSample s) {
        out.println(SysbenchText.intervalPrefix(s) + String.format(Locale.ROOT, "%4.2f MiB/sec",
                s.perSecond(Counter.EVENTS) * options.blockSize() / MemoryBenchmark.MIB));
        out.flush();
    }

    /** The final report: operations, MiB transferred (unless the operation is none), then the common block. */
    static void result(RunResult r, PrintStream out) {
        out.printf(Locale.ROOT, "Total operations: %d (%8.2f per second)%n%n", (long) r.value("total_events"),
                r.value(MemoryBenchmark.OPERATIONS_PER_SECOND));
        if (r.metric(MemoryBenchmark.MIB_PER_SECOND).isPresent()) {
            out.printf(Locale.ROOT, "%4.2f MiB transferred (%4.2f MiB/sec)%n%n", r.value(MemoryBenchmark.MIB_TRANSFERRED),
                    r.value(MemoryBenchmark.MIB_PER_SECOND));
        }
        SysbenchText.commonBlock(out, r);
        out.flush();
    }
}

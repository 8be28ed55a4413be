package io.virtbench.fileio.report;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.Sizes;
import io.virtbench.core.sysbench.SysbenchListener;
import io.virtbench.core.sysbench.SysbenchText;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.io.PrintStream;
import java.util.Locale;

/** sysbench fileio's text layout (spec/sysbench.md §2.3, §2.8), printed as the run goes. */
public final class FileioReport extends SysbenchListener {
    private static final double MIB = 1024.0 * 1024.0;

    private final FileioOptions options;

    public FileioReport(PrintStream out, RunSettings settings, FileioOptions options) {
        super(out, settings);
        this.options = options;
    }

    /** The run header, sb_fileio.c's print_mode lines, and "Initializing worker threads...". */
    public void header() {
        SysbenchText.header(out, settings, 0);
        printMode(out, options, settings);
        SysbenchText.initializingWorkers(out);
        out.flush();
    }

    /** sb_fileio.c file_print_mode. */
    static void printMode(PrintStream out, FileioOptions o, RunSettings s) {
        FileTestMode mode = o.requireMode();
        out.println(ExtraFlag.line(o.extraFlags()));
        out.println(o.fileNum() + " files, " + Sizes.format(o.fileSize()) + " each");
        out.println(Sizes.format((double) o.fileSize() * o.fileNum()) + " total file size");
        out.println("Block size " + Sizes.format(o.blockSize()));
        if (o.mergedRequests() > 0) {
            out.println("Merging requests up to " + Sizes.format(o.requestSize()) + " for sequential IO.");
        }
        if (!mode.sequential()) {
            out.println("Number of IO requests: " + s.events());
            // file_rw_ratio is a C float
            out.printf(Locale.ROOT, "Read/Write ratio for combined random IO test: %2.2f%n", (double) (float) o.rwRatio());
        }
        if (o.effectiveFsyncFreq() > 0) {
            out.println("Periodic FSYNC enabled, calling fsync() each " + o.effectiveFsyncFreq() + " requests.");
        }
        if (o.effectiveFsyncEnd()) {
            out.println("Calling fsync() at the end of test, Enabled.");
        }
        if (o.fsyncAll()) {
            out.println("Calling fsync() after each write operation.");
        }
        out.println("Using " + o.ioMode().description() + " I/O mode");
        out.println("Doing " + mode.description() + " test");
    }

    @Override
    public void interval(IntervalSample s) {
        out.println(SysbenchText.intervalPrefix(s) + String.format(Locale.ROOT,
                "reads: %4.2f MiB/s writes: %4.2f MiB/s fsyncs: %4.2f/s latency (ms,%d%%): %4.3f",
                s.perSecond(Counter.BYTES_READ) / MIB, s.perSecond(Counter.BYTES_WRITTEN) / MIB,
                s.perSecond(Counter.OTHER), settings.percentile(), s.percentileMs()));
        if (settings.rate() > 0) {
            SysbenchText.rateLine(out, s, false);
        }
        out.flush();
    }

    /** The final report: File operations, Throughput, then the common block. */
    public static void result(RunResult r, PrintStream out) {
        out.println();
        out.println("File operations:");
        out.printf(Locale.ROOT, "    reads/s:                      %4.2f%n", r.value(FileioMetrics.READS_PER_SECOND));
        out.printf(Locale.ROOT, "    writes/s:                     %4.2f%n", r.value(FileioMetrics.WRITES_PER_SECOND));
        out.printf(Locale.ROOT, "    fsyncs/s:                     %4.2f%n", r.value(FileioMetrics.FSYNCS_PER_SECOND));
        out.println();
        out.println("Throughput:");
        out.printf(Locale.ROOT, "    read, MiB/s:                  %4.2f%n", r.value(FileioMetrics.READ_MIB_PER_SECOND));
        out.printf(Locale.ROOT, "    written, MiB/s:               %4.2f%n", r.value(FileioMetrics.WRITTEN_MIB_PER_SECOND));
        SysbenchText.commonBlock(out, r);
        out.flush();
    }
}

package io.virtbench.fileio;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.output.Repetitions;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.nativetool.SysbenchFileio;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.report.FileioMetrics;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code virtbench crosscheck fileio}: prepares the files once, then runs native
 * {@code sysbench fileio run} and virtbench's fileio alternately on the same files with
 * identical options, and prints both figures, the ratio per pair and the median ratio of the
 * mode's throughput (read MiB/s for modes that read, written MiB/s otherwise). seqwr re-creates
 * its files on both sides, so it is not prepared. The test files (test_file.0 .. N-1, also
 * ones that existed before) are removed at the end unless {@code keepFiles}.
 */
public final class FileioCrosscheck {
    private FileioCrosscheck() {
    }

    /** Returns the exit status. */
    public static int run(FileioOptions options, RunSettings settings, int runs, boolean keepFiles, Output o) throws Exception {
        FileTestMode mode = options.requireMode();
        NativeTool.require("sysbench", "sysbench");
        SysbenchFileio.checkComparable(settings);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output toErr = new Output(OutputFormat.JSON, none, o.err(), null, o.platform(), o.stop());
        if (mode != FileTestMode.SEQWR) {
            TestFiles.checkFreeSpace(options); // a refusal leaves everything as it was
        }
        try {
            if (mode != FileTestMode.SEQWR) {
                o.err().println("virtbench: preparing the files once for all runs");
                if (FileioBenchmark.prepare(options, toErr) != 0) {
                    return Repetitions.EXIT_INTERRUPTED;
                }
            }
            Crosscheck.run(FileioMetrics.WORKLOAD, "sysbench", FileioMetrics.mainMetric(mode), runs,
                    pair -> SysbenchFileio.run(options, settings).withRepetition(pair).withHost(o.host()),
                    pair -> FileioBenchmark.run(options, settings, toErrQuiet(o), pair), o);
        } finally {
            if (!keepFiles) {
                TestFiles.cleanup(options, none);
                o.err().println("virtbench: removed the test files from " + options.dir().toAbsolutePath().normalize());
            }
        }
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }

    /** The virtbench side prints nothing; only the comparison table goes to standard output. */
    private static Output toErrQuiet(Output o) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new Output(OutputFormat.JSON, none, o.err(), null, o.platform(), o.stop());
    }
}

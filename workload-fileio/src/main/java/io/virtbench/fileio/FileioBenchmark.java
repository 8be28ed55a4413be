package io.virtbench.fileio;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchMetrics;
import io.virtbench.core.sysbench.SysbenchText;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.nativetool.SysbenchFileio;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.report.FileioMetrics;
import io.virtbench.fileio.report.FileioReport;
import io.virtbench.fileio.storage.DirectIoCheck;
import io.virtbench.fileio.storage.ProcIo;
import io.virtbench.fileio.storage.StorageInfo;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code virtbench fileio prepare|run|cleanup}: sysbench 1.0.20's fileio test, reported as sysbench reports it. */
public final class FileioBenchmark {
    private static final double MIB = 1024.0 * 1024.0;

    private FileioBenchmark() {
    }

    /**
     * {@code prepare}: sysbench's lines (to standard output with text, standard error otherwise),
     * a progress line when standard output is a terminal. Returns the exit status.
     */
    public static int prepare(FileioOptions options, Output o) {
        PrintStream out = o.live();
        SysbenchText.banner(out);
        TestFiles.Prepared p = TestFiles.prepare(options, out, o.text() && stdoutIsTerminal(), o.stop());
        if (p.interrupted()) {
            o.err().println("virtbench: prepare interrupted after " + p.bytesWritten()
                    + " bytes; the files are incomplete (run prepare again to complete them)");
            return Repetitions.EXIT_INTERRUPTED;
        }
        return 0;
    }

    /** {@code cleanup}: removes test_file.0 .. test_file.N-1 of --dir and nothing else. */
    public static int cleanup(FileioOptions options, Output o) {
        PrintStream out = o.live();
        SysbenchText.banner(out);
        TestFiles.cleanup(options, out);
        return 0;
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(FileioOptions options, RunSettings settings, Output o, int repetition) throws Exception {
        options.requireMode();
        FileioReport report = new FileioReport(o.live(), settings, options);
        if (o.text()) {
            report.header();
        }
        StorageInfo storage = StorageInfo.of(options.dir());
        FileioWorkload workload = new FileioWorkload(options);
        ProcIo before = ProcIo.read();
        Measurement m = Harness.run(workload, settings, report.forOutput(o.text()), o.stop());
        ProcIo after = ProcIo.read();
        Map<String, Object> details = new LinkedHashMap<>(storage.details());
        details.putAll(DirectIoCheck.details(options, storage, workload.directFlag(), before, after,
                m.total(Counter.BYTES_READ), m.total(Counter.BYTES_WRITTEN), workload.lastWrite()));
        RunResult r = result(options, settings, m, repetition, o, details);
        if (o.text()) {
            FileioReport.result(r, o.out());
        }
        return r;
    }

    /** The result of a measurement: sysbench's figures, every option, and {@code details}. */
    static RunResult result(FileioOptions options, RunSettings settings, Measurement m, int repetition, Output o,
                            Map<String, Object> details) {
        FileTestMode mode = options.requireMode();
        RunResult.Builder b = SysbenchMetrics.start(FileioMetrics.WORKLOAD, m, settings)
                .test(mode.code())
                .repetition(repetition)
                .nativeCommand(SysbenchFileio.commandLine(options, settings))
                .host(o.host());
        parameters(b, options);
        b.higher(FileioMetrics.READS_PER_SECOND, m.perSecond(Counter.READS), "reads/s");
        b.higher(FileioMetrics.WRITES_PER_SECOND, m.perSecond(Counter.WRITES), "writes/s");
        b.higher(FileioMetrics.FSYNCS_PER_SECOND, m.perSecond(Counter.OTHER), "fsyncs/s");
        b.higher(FileioMetrics.READ_MIB_PER_SECOND, m.perSecond(Counter.BYTES_READ) / MIB, "MiB/s");
        b.higher(FileioMetrics.WRITTEN_MIB_PER_SECOND, m.perSecond(Counter.BYTES_WRITTEN) / MIB, "MiB/s");
        SysbenchMetrics.common(b, m);
        b.detail("dir", options.dir().toAbsolutePath().normalize().toString());
        b.detail("file_size", options.fileSize());
        b.detail("reads", m.total(Counter.READS));
        b.detail("writes", m.total(Counter.WRITES));
        b.detail("fsyncs", m.total(Counter.OTHER));
        b.detail("bytes_read", m.total(Counter.BYTES_READ));
        b.detail("bytes_written", m.total(Counter.BYTES_WRITTEN));
        details.forEach((k, v) -> {
            if (v != null) { // JSON leaves nulls out; unknown facts are simply absent
                b.detail(k, v);
            }
        });
        for (IntervalSample s : m.intervals()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("threads", (double) s.threads());
            v.put(FileioMetrics.READ_MIB_PER_SECOND, s.perSecond(Counter.BYTES_READ) / MIB);
            v.put(FileioMetrics.WRITTEN_MIB_PER_SECOND, s.perSecond(Counter.BYTES_WRITTEN) / MIB);
            v.put(FileioMetrics.FSYNCS_PER_SECOND, s.perSecond(Counter.OTHER));
            v.put("latency_p" + settings.percentile() + "_ms", s.percentileMs());
            b.interval(new Interval(s.time(), s.seconds(), v));
        }
        return b.build();
    }

    /** Every fileio option, by its command-line name; the sysbench parser records the same names. */
    static void parameters(RunResult.Builder b, FileioOptions o) {
        b.parameter("file-num", o.fileNum())
                .parameter("file-block-size", o.blockSize())
                .parameter("file-total-size", o.totalSize())
                .parameter("file-test-mode", o.testMode() == null ? null : o.testMode().code())
                .parameter("file-io-mode", o.ioMode().code())
                .parameter("file-extra-flags", ExtraFlag.toList(o.extraFlags()))
                .parameter("file-fsync-freq", o.effectiveFsyncFreq())
                .parameter("file-fsync-all", o.fsyncAll())
                .parameter("file-fsync-end", o.effectiveFsyncEnd())
                .parameter("file-fsync-mode", o.fsyncMode().code())
                .parameter("file-merged-requests", o.mergedRequests())
                .parameter("file-rw-ratio", o.rwRatio());
    }

    /**
     * Whether standard output is a terminal. Java 22+ returns a Console even when output is
     * redirected, and says whether it is a terminal with Console.isTerminal().
     */
    static boolean stdoutIsTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}

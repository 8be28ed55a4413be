package io.virtbench.fileio.nativetool;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchCommand;
import io.virtbench.core.sysbench.SysbenchLog;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.options.IoMode;
import io.virtbench.fileio.report.FileioMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the fileio workload: the equivalent {@code sysbench fileio} command line
 * (run in {@code --dir}, since sysbench keeps its files in its current directory), a parser of
 * its text output into the same result model, and running it.
 */
public final class SysbenchFileio {
    private static final Pattern INTERVAL = Pattern.compile(
            "^reads: (\\S+) MiB/s writes: (\\S+) MiB/s fsyncs: (\\S+)/s latency \\(ms,(\\d+)%\\): (\\S+)$");
    private static final Pattern FILES = Pattern.compile("^(\\d+) files, (\\S+) each$");
    private static final Pattern TOTAL = Pattern.compile("^(\\S+) total file size$");
    private static final Pattern BLOCK = Pattern.compile("^Block size (\\S+)$");
    private static final Pattern MERGING = Pattern.compile("^Merging requests up to (\\S+) for sequential IO\\.$");
    private static final Pattern PERIODIC = Pattern.compile("^Periodic FSYNC enabled, calling fsync\\(\\) each (\\d+) requests\\.$");
    private static final Pattern USING = Pattern.compile("^Using (.+) I/O mode$");
    private static final Pattern DOING = Pattern.compile("^Doing (.+) test$");
    private static final Pattern SIZE = Pattern.compile("^([0-9.]+(?:e[+-]?\\d+)?)([KMGTPE]i)?B$");
    private static final long MAX_TIMEOUT_SECONDS = 24 * 3600;

    private SysbenchFileio() {
    }

    /** {@code sysbench fileio <file options> prepare} for these files. */
    public static List<String> prepareCommand(FileioOptions o) {
        List<String> c = fileOptions(o);
        c.add("prepare");
        return c;
    }

    /** {@code sysbench fileio <file options> cleanup}. */
    public static List<String> cleanupCommand(FileioOptions o) {
        List<String> c = fileOptions(o);
        c.add("cleanup");
        return c;
    }

    private static List<String> fileOptions(FileioOptions o) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add("fileio");
        c.add("--file-num=" + o.fileNum());
        c.add("--file-block-size=" + o.blockSize());
        c.add("--file-total-size=" + o.totalSize());
        if (!o.extraFlags().isEmpty()) {
            c.add("--file-extra-flags=" + ExtraFlag.toList(o.extraFlags()));
        }
        return c;
    }

    /** The sysbench command that runs the same test as {@code virtbench fileio run} with these options (in --dir). */
    public static List<String> command(FileioOptions o, RunSettings s) {
        List<String> c = fileOptions(o);
        c.add("--file-test-mode=" + o.requireMode().code());
        c.add("--file-io-mode=" + o.ioMode().code());
        c.add("--file-fsync-freq=" + o.fsyncFreq());
        c.add("--file-fsync-all=" + (o.fsyncAll() ? "on" : "off"));
        c.add("--file-fsync-end=" + (o.fsyncEnd() ? "on" : "off"));
        c.add("--file-fsync-mode=" + o.fsyncMode().code());
        c.add("--file-merged-requests=" + o.mergedRequests());
        c.add("--file-rw-ratio=" + number(o.rwRatio()));
        SysbenchCommand.addRunOptions(c, s);
        c.add("run");
        return c;
    }

    /** The command line a user would type: {@code cd DIR && sysbench fileio ... run}. */
    public static String commandLine(FileioOptions o, RunSettings s) {
        return "cd " + NativeTool.commandLine(List.of(o.dir().toAbsolutePath().normalize().toString())) + " && "
                + NativeTool.commandLine(command(o, s));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    // ---------------------------------------------------------------- parser

    /** Every run in a sysbench fileio log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench fileio", SysbenchFileio::isPrepareOrCleanup,
                SysbenchFileio::parse);
    }

    /** prepare/cleanup output has neither a run header nor a report. */
    private static boolean isPrepareOrCleanup(SysbenchLog.Block b) {
        return !SysbenchLog.contains(b, "Running the test with following options:")
                && !SysbenchLog.contains(b, "General statistics:")
                && (SysbenchLog.contains(b, "Creating files for the test...") || SysbenchLog.contains(b, "Removing test files..."));
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        FileTestMode mode = null;
        for (String line : b.lines()) {
            Matcher m = DOING.matcher(line);
            if (m.matches()) {
                mode = FileTestMode.fromDescription(m.group(1));
                if (mode == null) {
                    throw new NativeParseException("unknown fileio mode '" + m.group(1) + "'", b.firstLine());
                }
            }
        }
        int ops = SysbenchLog.indexOf(b, "File operations:", 0);
        if (mode == null && ops < 0 && SysbenchLog.contains(b, "General statistics:")) {
            throw new NativeParseException("not a sysbench fileio run ('File operations:' missing)", b.firstLine());
        }
        SysbenchLog.Common common = SysbenchLog.commonResult(b, FileioMetrics.WORKLOAD);
        if (ops < 0) {
            throw new NativeParseException("not a sysbench fileio run ('File operations:' missing)", b.firstLine());
        }
        RunResult.Builder r = common.builder();
        if (mode != null) {
            r.test(mode.code());
        }
        parameters(b, r, mode);
        r.higher(FileioMetrics.READS_PER_SECOND, SysbenchLog.number(b, "reads/s", ops), "reads/s");
        r.higher(FileioMetrics.WRITES_PER_SECOND, SysbenchLog.number(b, "writes/s", ops), "writes/s");
        r.higher(FileioMetrics.FSYNCS_PER_SECOND, SysbenchLog.number(b, "fsyncs/s", ops), "fsyncs/s");
        int tp = SysbenchLog.indexOf(b, "Throughput:", ops);
        if (tp < 0) {
            throw new NativeParseException("no 'Throughput:' block", b.lineNumber(ops));
        }
        r.higher(FileioMetrics.READ_MIB_PER_SECOND, SysbenchLog.number(b, "read, MiB/s", tp), "MiB/s");
        r.higher(FileioMetrics.WRITTEN_MIB_PER_SECOND, SysbenchLog.number(b, "written, MiB/s", tp), "MiB/s");
        common.withCommonMetrics();
        SysbenchLog.addIntervals(b, INTERVAL, r, (m, v) -> {
                v.put(FileioMetrics.READ_MIB_PER_SECOND, Double.parseDouble(m.group(1)));
                v.put(FileioMetrics.WRITTEN_MIB_PER_SECOND, Double.parseDouble(m.group(2)));
                v.put(FileioMetrics.FSYNCS_PER_SECOND, Double.parseDouble(m.group(3)));
                v.put("latency_p" + m.group(4) + "_ms", Double.parseDouble(m.group(5)));
        });
        return r.build();
    }

    /** The options sysbench states in its print_mode lines, under virtbench's parameter names. */
    private static void parameters(SysbenchLog.Block b, RunResult.Builder r, FileTestMode mode) throws NativeParseException {
        long block = 0;
        long fileSize = 0;
        boolean periodic = false;
        boolean end = false;
        boolean all = false;
        String flags = SysbenchLog.value(b, "Extra file open flags", 0);
        if (flags != null) {
            List<String> names = new ArrayList<>();
            for (String w : flags.strip().split("\\s+")) {
                switch (w) {
                    case "sync" -> names.add("sync");
                    case "dsync" -> names.add("dsync");
                    case "directio" -> names.add("direct");
                    default -> {
                        // "(none)"
                    }
                }
            }
            r.parameter("file-extra-flags", String.join(",", names));
        }
        for (int i = 0; i < b.lines().size(); i++) {
            String line = b.lines().get(i);
            Matcher m;
            if ((m = FILES.matcher(line)).matches()) {
                r.parameter("file-num", Long.parseLong(m.group(1)));
                fileSize = size(m.group(2), b, i);
            } else if ((m = TOTAL.matcher(line)).matches()) {
                r.parameter("file-total-size", size(m.group(1), b, i));
            } else if ((m = BLOCK.matcher(line)).matches()) {
                block = size(m.group(1), b, i);
                r.parameter("file-block-size", block);
            } else if ((m = MERGING.matcher(line)).matches() && block > 0) {
                r.parameter("file-merged-requests", size(m.group(1), b, i) / block);
            } else if ((m = PERIODIC.matcher(line)).matches()) {
                periodic = true;
                r.parameter("file-fsync-freq", Long.parseLong(m.group(1)));
            } else if (line.equals("Calling fsync() at the end of test, Enabled.")) {
                end = true;
            } else if (line.equals("Calling fsync() after each write operation.")) {
                all = true;
            } else if ((m = USING.matcher(line)).matches()) {
                IoMode io = IoMode.fromDescription(m.group(1));
                r.parameter("file-io-mode", io != null ? io.code() : m.group(1));
            } else if (line.startsWith("Read/Write ratio for combined random IO test: ")) {
                r.parameter("file-rw-ratio", Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()));
            }
        }
        if (mode != null) {
            r.parameter("file-test-mode", mode.code());
            if (!periodic) {
                r.parameter("file-fsync-freq", 0L);
            }
            r.parameter("file-fsync-all", all);
            r.parameter("file-fsync-end", end);
        }
        if (fileSize > 0) {
            r.detail("file_size", fileSize);
        }
    }

    /** A size as sb_print_value_size prints it, followed by "B": "40MiB", "33.333KiB", "512B". */
    static long size(String text, SysbenchLog.Block b, int line) throws NativeParseException {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new NativeParseException("not a size: '" + text + "'", b.lineNumber(line));
        }
        double v = Double.parseDouble(m.group(1));
        if (m.group(2) != null) {
            v *= Math.pow(1024, "KMGTPE".indexOf(m.group(2).charAt(0)) + 1);
        }
        return Math.round(v);
    }

    // ---------------------------------------------------------------- running sysbench

    /** Runs native {@code sysbench fileio run} in --dir with the same options and reads its report. */
    public static RunResult run(FileioOptions o, RunSettings s) {
        NativeTool.require("sysbench", "sysbench");
        checkComparable(s);
        NativeTool.Result res = NativeTool.run(command(o, s), o.dir(), timeout(s));
        if (res.exitCode() != 0) {
            throw new UserException("sysbench failed: " + fatal(res));
        }
        try {
            RunResult r = parse("sysbench", res.stdout()).get(0);
            return r.toBuilder().nativeCommand(commandLine(o, s)).parameter("time", s.time())
                    .parameter("events", s.events()).detail("dir", o.dir().toAbsolutePath().normalize().toString()).build();
        } catch (NativeParseException e) {
            throw new UserException("cannot read sysbench's output: " + e.getMessage());
        }
    }

    /** Refuses settings sysbench 1.0.20 cannot run: --warmup-time, fractional seconds. */
    public static void checkComparable(RunSettings s) {
        if (s.warmupTime() > 0) {
            throw UserException.usage("sysbench 1.0.20 has no --warmup-time: leave it out to compare with sysbench");
        }
        if (s.time() != Math.rint(s.time()) || s.reportInterval() != Math.rint(s.reportInterval())) {
            throw UserException.usage("sysbench takes whole seconds: --time and --report-interval must be integers to compare");
        }
    }

    /** Runs native {@code sysbench fileio prepare} in --dir; returns its output. */
    public static String prepare(FileioOptions o) {
        return plain(prepareCommand(o), o);
    }

    /** Runs native {@code sysbench fileio cleanup} in --dir; returns its output. */
    public static String cleanup(FileioOptions o) {
        return plain(cleanupCommand(o), o);
    }

    private static String plain(List<String> command, FileioOptions o) {
        NativeTool.require("sysbench", "sysbench");
        NativeTool.Result res = NativeTool.run(command, o.dir(), Duration.ofHours(6));
        if (res.exitCode() != 0) {
            throw new UserException("sysbench failed: " + fatal(res));
        }
        return res.stdout();
    }

    private static Duration timeout(RunSettings s) {
        long t = s.time() > 0 ? (long) Math.ceil(s.time()) + 600 : MAX_TIMEOUT_SECONDS;
        return Duration.ofSeconds(Math.min(t, MAX_TIMEOUT_SECONDS));
    }

    /** sysbench prints its FATAL lines on standard output. */
    private static String fatal(NativeTool.Result res) {
        for (String line : res.stdout().split("\n")) {
            if (line.startsWith("FATAL: ")) {
                return line.substring(7).strip();
            }
        }
        return res.firstErrorLine();
    }
}

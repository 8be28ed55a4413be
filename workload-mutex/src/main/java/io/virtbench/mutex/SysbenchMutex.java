package io.virtbench.mutex;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.EventsReport;
import io.virtbench.core.sysbench.SysbenchCommand;
import io.virtbench.core.sysbench.SysbenchLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The native side of the mutex workload: the equivalent {@code sysbench mutex} command line, a
 * parser of its text output into the same result model, and running it. sysbench's mutex output
 * has no lines of its own, so the log does not tell the --mutex-* options; {@link #run} records
 * them from the command.
 */
public final class SysbenchMutex {
    private SysbenchMutex() {
    }

    /** The sysbench command that runs the same test as {@code virtbench mutex} with these options. */
    public static List<String> command(MutexOptions o, RunSettings s) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add("mutex");
        c.add("--mutex-num=" + o.num());
        c.add("--mutex-locks=" + o.locks());
        c.add("--mutex-loops=" + o.loops());
        SysbenchCommand.addRunOptions(c, s);
        c.add("run");
        return c;
    }

    public static String commandLine(MutexOptions o, RunSettings s) {
        return NativeTool.commandLine(command(o, s));
    }

    /** Every run in a sysbench mutex log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench", b -> false, SysbenchMutex::parse);
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        SysbenchLog.requireBareReport(b, "mutex");
        SysbenchLog.Common common = SysbenchLog.commonResult(b, MutexBenchmark.WORKLOAD);
        RunResult.Builder r = common.builder();
        common.withCommonMetrics();
        EventsReport.addIntervals(b, r);
        return r.build();
    }

    /** Runs native sysbench with the same options and reads its report. */
    public static RunResult run(MutexOptions o, RunSettings s) {
        RunResult.Builder b = SysbenchCommand.run(command(o, s), s, SysbenchMutex::parse).toBuilder();
        MutexBenchmark.parameters(b, o);
        return b.build();
    }
}

package io.virtbench.threads;

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
 * The native side of the threads workload: the equivalent {@code sysbench threads} command line,
 * a parser of its text output into the same result model, and running it. sysbench's threads
 * output has no lines of its own, so the log does not tell --thread-yields and --thread-locks;
 * {@link #run} records them from the command.
 */
public final class SysbenchThreads {
    private SysbenchThreads() {
    }

    /** The sysbench command that runs the same test as {@code virtbench threads} with these options. */
    public static List<String> command(ThreadsOptions o, RunSettings s) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add("threads");
        c.add("--thread-yields=" + o.yields());
        c.add("--thread-locks=" + o.locks());
        SysbenchCommand.addRunOptions(c, s);
        c.add("run");
        return c;
    }

    public static String commandLine(ThreadsOptions o, RunSettings s) {
        return NativeTool.commandLine(command(o, s));
    }

    /** Every run in a sysbench threads log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench", b -> false, SysbenchThreads::parse);
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        SysbenchLog.requireBareReport(b, "threads");
        SysbenchLog.Common common = SysbenchLog.commonResult(b, ThreadsBenchmark.WORKLOAD);
        RunResult.Builder r = common.builder();
        r.higher(ThreadsBenchmark.EVENTS_PER_SECOND, common.totalTime() > 0 ? common.events() / common.totalTime() : 0,
                "events/s");
        common.withCommonMetrics();
        EventsReport.addIntervals(b, r);
        return r.build();
    }

    /** Runs native sysbench with the same options and reads its report. */
    public static RunResult run(ThreadsOptions o, RunSettings s) {
        RunResult.Builder b = SysbenchCommand.run(command(o, s), s, SysbenchThreads::parse).toBuilder();
        ThreadsBenchmark.parameters(b, o);
        return b.build();
    }
}

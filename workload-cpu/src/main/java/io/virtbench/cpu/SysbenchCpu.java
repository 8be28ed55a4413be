package io.virtbench.cpu;

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
 * The native side of the cpu workload: the equivalent {@code sysbench cpu} command line, a parser
 * of its text output into the same result model, and running it.
 */
public final class SysbenchCpu {
    private SysbenchCpu() {
    }

    /** The sysbench command that runs the same test as {@code virtbench cpu} with these options. */
    public static List<String> command(CpuOptions o, RunSettings s) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add("cpu");
        c.add("--cpu-max-prime=" + o.maxPrime());
        SysbenchCommand.addRunOptions(c, s);
        c.add("run");
        return c;
    }

    public static String commandLine(CpuOptions o, RunSettings s) {
        return NativeTool.commandLine(command(o, s));
    }

    /** Every run in a sysbench cpu log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench", b -> false, SysbenchCpu::parse);
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        int speed = SysbenchLog.indexOf(b, "CPU speed:", 0);
        if (speed < 0) {
            if (SysbenchLog.contains(b, "General statistics:")) {
                throw new NativeParseException("not a sysbench cpu run ('CPU speed:' missing)", b.firstLine());
            }
        }
        SysbenchLog.Common common = SysbenchLog.commonResult(b, CpuBenchmark.WORKLOAD);
        RunResult.Builder r = common.builder();
        String limit = SysbenchLog.value(b, "Prime numbers limit", 0);
        if (limit != null) {
            r.parameter("cpu-max-prime", Long.parseLong(limit.strip()));
        }
        r.higher(CpuBenchmark.EVENTS_PER_SECOND, SysbenchLog.number(b, "events per second", speed), "events/s");
        common.withCommonMetrics();
        EventsReport.addIntervals(b, r);
        return r.build();
    }

    /** Runs native sysbench with the same options and reads its report. */
    public static RunResult run(CpuOptions o, RunSettings s) {
        return SysbenchCommand.run(command(o, s), s, SysbenchCpu::parse);
    }
}

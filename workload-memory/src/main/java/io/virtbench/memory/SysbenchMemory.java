package io.virtbench.memory;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchCommand;
import io.virtbench.core.sysbench.SysbenchLog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the memory workload: the equivalent {@code sysbench memory} command line, a
 * parser of its text output into the same result model, and running it.
 */
public final class SysbenchMemory {
    private static final Pattern INTERVAL = Pattern.compile("^(\\S+) MiB/sec$");
    private static final Pattern OPERATIONS = Pattern.compile("^Total operations: (\\d+) \\(\\s*(\\S+) per second\\)$");
    private static final Pattern TRANSFERRED = Pattern.compile("^(\\S+) MiB transferred \\((\\S+) MiB/sec\\)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)([KM])iB$");

    private SysbenchMemory() {
    }

    /** The sysbench command that runs the same test as {@code virtbench memory} with these options. */
    public static List<String> command(MemoryOptions o, RunSettings s) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add("memory");
        c.add("--memory-block-size=" + o.blockSize());
        c.add("--memory-total-size=" + o.totalSize());
        c.add("--memory-scope=" + MemoryOptions.label(o.scope()));
        c.add("--memory-oper=" + MemoryOptions.label(o.oper()));
        c.add("--memory-access-mode=" + MemoryOptions.label(o.mode()));
        SysbenchCommand.addRunOptions(c, s);
        c.add("run");
        return c;
    }

    public static String commandLine(MemoryOptions o, RunSettings s) {
        return NativeTool.commandLine(command(o, s));
    }

    /** Every run in a sysbench memory log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench", b -> false, SysbenchMemory::parse);
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        int ops = find(b, OPERATIONS);
        if (ops < 0 && SysbenchLog.contains(b, "General statistics:")) {
            throw new NativeParseException("not a sysbench memory run ('Total operations:' missing)", b.firstLine());
        }
        SysbenchLog.Common common = SysbenchLog.commonResult(b, MemoryBenchmark.WORKLOAD);
        RunResult.Builder r = common.builder();
        parameters(b, r);
        Matcher m = OPERATIONS.matcher(b.lines().get(ops).strip());
        m.matches();
        r.higher(MemoryBenchmark.OPERATIONS_PER_SECOND, Double.parseDouble(m.group(2)), "ops/s");
        int mib = find(b, TRANSFERRED);
        if (mib >= 0) {
            Matcher t = TRANSFERRED.matcher(b.lines().get(mib).strip());
            t.matches();
            r.info(MemoryBenchmark.MIB_TRANSFERRED, Double.parseDouble(t.group(1)), "MiB");
            r.higher(MemoryBenchmark.MIB_PER_SECOND, Double.parseDouble(t.group(2)), "MiB/s");
        }
        common.withCommonMetrics();
        SysbenchLog.addIntervals(b, INTERVAL, r, (im, v) -> v.put(MemoryBenchmark.MIB_PER_SECOND, Double.parseDouble(im.group(1))));
        return r.build();
    }

    /** The print_mode lines: block size (KiB), total size (MiB), operation, scope. */
    private static void parameters(SysbenchLog.Block b, RunResult.Builder r) throws NativeParseException {
        String block = SysbenchLog.value(b, "block size", 0);
        if (block != null) {
            r.parameter("memory-block-size", bytes(b, block));
        }
        String total = SysbenchLog.value(b, "total size", 0);
        if (total != null) {
            r.parameter("memory-total-size", bytes(b, total));
        }
        String oper = SysbenchLog.value(b, "operation", 0);
        if (oper != null) {
            r.parameter("memory-oper", oper);
        }
        String scope = SysbenchLog.value(b, "scope", 0);
        if (scope != null) {
            r.parameter("memory-scope", scope);
        }
    }

    private static long bytes(SysbenchLog.Block b, String v) throws NativeParseException {
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new NativeParseException("unexpected size '" + v + "'", b.firstLine());
        }
        return Long.parseLong(m.group(1)) << (m.group(2).equals("K") ? 10 : 20);
    }

    private static int find(SysbenchLog.Block b, Pattern p) {
        for (int i = 0; i < b.lines().size(); i++) {
            if (p.matcher(b.lines().get(i).strip()).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** Runs native sysbench with the same options and reads its report. */
    public static RunResult run(MemoryOptions o, RunSettings s) {
        MemoryBenchmark.check(s);
        RunResult.Builder b = SysbenchCommand.run(command(o, s), s, SysbenchMemory::parse).toBuilder();
        MemoryBenchmark.parameters(b, o);
        return b.build();
    }
}

package io.virtbench.core.sysbench;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import java.time.Duration;
import java.util.List;

/** The parts of an equivalent sysbench command line that every test shares. */
public final class SysbenchCommand {
    private SysbenchCommand() {
    }

    /** Appends {@code --threads --time --events} and, when set, the interval, rate, warm-up and percentile options. */
    public static void addRunOptions(List<String> c, RunSettings s) {
        c.add("--threads=" + s.threads());
        c.add("--time=" + number(s.time()));
        c.add("--events=" + s.events());
        if (s.reportInterval() > 0) {
            c.add("--report-interval=" + number(s.reportInterval()));
        }
        if (s.rate() > 0) {
            c.add("--rate=" + number(s.rate()));
        }
        if (s.warmupTime() > 0) {
            c.add("--warmup-time=" + number(s.warmupTime()));
        }
        if (s.percentile() != RunSettings.DEFAULT_PERCENTILE) {
            c.add("--percentile=" + s.percentile());
        }
    }

    /** A number as sysbench takes it: no decimals when whole. */
    public static String number(double v) {
        return SysbenchText.number(v);
    }

    /**
     * Runs native sysbench with {@code command} (built with {@link #addRunOptions}) and reads its
     * first run with {@code parser}; the result records the command line, --time and --events.
     * Options sysbench 1.0.20 cannot take are refused before it starts.
     */
    public static RunResult run(List<String> command, RunSettings s, SysbenchImporter.LogParser parser) {
        NativeTool.require("sysbench", "sysbench");
        if (s.warmupTime() > 0) {
            throw UserException.usage("sysbench 1.0.20 has no --warmup-time: leave it out to compare with sysbench");
        }
        if (s.time() != Math.rint(s.time()) || s.reportInterval() != Math.rint(s.reportInterval())) {
            throw UserException.usage("sysbench takes whole seconds: --time and --report-interval must be integers to compare");
        }
        double limit = s.time() > 0 ? s.time() : 3600;
        NativeTool.Result res = NativeTool.run(command, null, Duration.ofSeconds((long) limit + 60));
        if (res.exitCode() != 0) {
            throw new UserException("sysbench failed: " + res.firstErrorLine());
        }
        try {
            RunResult r = parser.parse("sysbench", res.stdout()).get(0);
            return r.toBuilder().nativeCommand(NativeTool.commandLine(res.command())).parameter("time", s.time())
                    .parameter("events", s.events()).build();
        } catch (NativeParseException e) {
            throw new UserException("cannot read sysbench's output: " + e.getMessage());
        }
    }
}

package io.virtbench.core.sysbench;

import io.virtbench.core.harness.RunSettings;
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
}

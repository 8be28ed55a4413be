package io.virtbench.core.output;

import io.virtbench.core.result.Direction;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.MetricSummary;
import io.virtbench.core.result.RepeatSummary;
import java.io.PrintStream;
import java.util.Locale;

/** The text table printed after the runs of {@code --repeat N}. */
public final class SummaryText {
    private SummaryText() {
    }

    public static void print(RepeatSummary s, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "virtbench summary of %d runs (%s%s):%n", s.runs(), s.workload(),
                s.test() == null ? "" : " " + s.test());
        out.printf(Locale.ROOT, "    %-32s %-10s %3s %12s %10s %12s %12s %12s   %s%n", "metric", "unit", "n", "mean",
                "stddev", "min", "median", "max", "95% CI of the mean");
        for (MetricSummary m : s.metrics()) {
            String ci = m.ci95Low() == null ? "-"
                    : String.format(Locale.ROOT, "[%s, %s]", num(m.ci95Low()), num(m.ci95High()));
            out.printf(Locale.ROOT, "    %-32s %-10s %3d %12s %10s %12s %12s %12s   %s%s%n", m.name(), m.unit(), m.n(),
                    num(m.mean()), num(m.stddev()), num(m.min()), num(m.median()), num(m.max()), ci,
                    m.direction() == Direction.HIGHER_IS_BETTER ? "  (higher is better)"
                            : m.direction() == Direction.LOWER_IS_BETTER ? "  (lower is better)" : "");
        }
        LatencySummary l = s.latency();
        if (l != null && l.count() > 0) {
            out.printf(Locale.ROOT, "    latency of all runs merged (ms): min %s  avg %s  max %s  p50 %s  p95 %s  p99 %s"
                            + "  p99.9 %s%n", num(l.minMs()), num(l.avgMs()), num(l.maxMs()),
                    num(l.percentilesMs().get("50")), num(l.percentilesMs().get("95")),
                    num(l.percentilesMs().get("99")), num(l.percentilesMs().get("99.9")));
        }
    }

    private static String num(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

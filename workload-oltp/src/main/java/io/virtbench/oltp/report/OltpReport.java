package io.virtbench.oltp.report;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchListener;
import io.virtbench.core.sysbench.SysbenchText;
import io.virtbench.oltp.script.OltpOptions;
import java.io.PrintStream;
import java.util.Locale;

/** sysbench 1.0.20's OLTP text layout (spec/sysbench.md §3.11, §3.12), printed as the run goes. */
public final class OltpReport extends SysbenchListener {

    public OltpReport(PrintStream out, RunSettings settings) {
        super(out, settings);
    }

    /** The run header; Lua scripts print nothing of their own, so two empty lines precede the next line. */
    public void header(OltpOptions options) {
        SysbenchText.header(out, settings, options.randSeed());
        SysbenchText.initializingWorkers(out);
        out.flush();
    }

    @Override
    public void interval(IntervalSample s) {
        out.println(intervalLine(s, settings.percentile()));
        if (settings.rate() > 0) {
            SysbenchText.rateLine(out, s, true);
        }
        out.flush();
    }

    /** {@code [ 1s ] thds: 8 tps: 1000.50 qps: 20010.00 (r/w/o: ...) lat (ms,95%): 9.39 err/s: 0.00 reconn/s: 0.00}. */
    static String intervalLine(IntervalSample s, int percentile) {
        double r = s.perSecond(Counter.READS);
        double w = s.perSecond(Counter.WRITES);
        double o = s.perSecond(Counter.OTHER);
        double q = s.seconds() > 0 ? (s.delta(Counter.READS) + s.delta(Counter.WRITES) + s.delta(Counter.OTHER)) / s.seconds() : 0;
        return SysbenchText.intervalPrefix(s) + String.format(Locale.ROOT,
                "thds: %d tps: %4.2f qps: %4.2f (r/w/o: %4.2f/%4.2f/%4.2f) lat (ms,%d%%): %4.2f err/s: %4.2f reconn/s: %4.2f",
                s.threads(), s.perSecond(Counter.EVENTS), q, r, w, o, percentile, s.percentileMs(),
                s.perSecond(Counter.ERRORS), s.perSecond(Counter.RECONNECTS));
    }

    /** SQL statistics, then the common block. */
    public static void result(RunResult r, PrintStream out) {
        out.println("SQL statistics:");
        out.println("    queries performed:");
        out.println("        read:                            " + (long) r.value(OltpMetrics.READS));
        out.println("        write:                           " + (long) r.value(OltpMetrics.WRITES));
        out.println("        other:                           " + (long) r.value(OltpMetrics.OTHER));
        out.println("        total:                           " + (long) r.value(OltpMetrics.QUERIES));
        out.printf(Locale.ROOT, "    transactions:                        %-6d (%.2f per sec.)%n",
                (long) r.value(OltpMetrics.TRANSACTIONS), r.value(OltpMetrics.TPS));
        out.printf(Locale.ROOT, "    queries:                             %-6d (%.2f per sec.)%n",
                (long) r.value(OltpMetrics.QUERIES), r.value(OltpMetrics.QPS));
        out.printf(Locale.ROOT, "    ignored errors:                      %-6d (%.2f per sec.)%n",
                (long) r.value(OltpMetrics.IGNORED_ERRORS), r.value(OltpMetrics.IGNORED_ERRORS_PER_SECOND));
        out.printf(Locale.ROOT, "    reconnects:                          %-6d (%.2f per sec.)%n",
                (long) r.value(OltpMetrics.RECONNECTS), r.value(OltpMetrics.RECONNECTS_PER_SECOND));
        SysbenchText.commonBlock(out, r);
        out.flush();
    }
}

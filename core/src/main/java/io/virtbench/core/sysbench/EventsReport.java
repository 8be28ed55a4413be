package io.virtbench.core.sysbench;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * sysbench's default intermediate report (src/sysbench.c sb_report_intermediate), used by every
 * test without its own (cpu, threads, mutex): {@code thds: N eps: E lat (ms,P%): L}, printed live,
 * kept in results and read back from logs under the same names.
 */
public class EventsReport extends SysbenchListener {
    /** Events per second: the metric and interval value of these tests. */
    public static final String EVENTS_PER_SECOND = "events_per_second";
    private static final Pattern LINE = Pattern.compile("^thds: (\\d+) eps: (\\S+) lat \\(ms,(\\d+)%\\): (\\S+)$");

    public EventsReport(PrintStream out, RunSettings settings) {
        super(out, settings);
    }

    @Override
    public void interval(IntervalSample s) {
        out.println(SysbenchText.intervalPrefix(s) + String.format(Locale.ROOT, "thds: %d eps: %4.2f lat (ms,%d%%): %4.2f",
                s.threads(), s.perSecond(Counter.EVENTS), settings.percentile(), s.percentileMs()));
        if (settings.rate() > 0) {
            SysbenchText.rateLine(out, s, false);
        }
        out.flush();
    }

    /** The measured intervals as result intervals: threads, events per second, the percentile. */
    public static void addIntervals(RunResult.Builder b, Measurement m, RunSettings settings) {
        for (IntervalSample s : m.intervals()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("threads", (double) s.threads());
            v.put(EVENTS_PER_SECOND, s.perSecond(Counter.EVENTS));
            v.put("latency_p" + settings.percentile() + "_ms", s.percentileMs());
            b.interval(new Interval(s.time(), s.seconds(), v));
        }
    }

    /** The interval lines of a sysbench log, under the same names as {@link #addIntervals}. */
    public static void addIntervals(SysbenchLog.Block b, RunResult.Builder r) {
        SysbenchLog.addIntervals(b, LINE, r, (m, v) -> {
            v.put("threads", Double.parseDouble(m.group(1)));
            v.put(EVENTS_PER_SECOND, Double.parseDouble(m.group(2)));
            v.put("latency_p" + m.group(3) + "_ms", Double.parseDouble(m.group(4)));
        });
    }
}

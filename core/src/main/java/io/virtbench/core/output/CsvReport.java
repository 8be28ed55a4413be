package io.virtbench.core.output;

import io.virtbench.core.result.Metric;
import io.virtbench.core.result.MetricSummary;
import io.virtbench.core.result.RepeatSummary;
import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * CSV output: one row per metric of each run, then one row per metric of the repeat summary
 * ({@code run} = {@code summary}), all with the same columns.
 */
public final class CsvReport {
    public static final String HEADER =
            "workload,test,platform,run,status,metric,unit,direction,value,n,mean,stddev,min,median,max,ci95_low,ci95_high";

    private CsvReport() {
    }

    public static void header(PrintStream out) {
        out.println(HEADER);
    }

    public static void run(RunResult r, PrintStream out) {
        String platform = r.host() == null ? null : r.host().platform();
        for (Metric m : r.metrics()) {
            out.println(String.join(",", field(r.workload()), field(r.test()), field(platform),
                    Integer.toString(r.repetition()), r.status().name().toLowerCase(Locale.ROOT), field(m.name()),
                    field(m.unit()), m.direction().name().toLowerCase(Locale.ROOT), number(m.value()),
                    "", "", "", "", "", "", "", ""));
        }
    }

    public static void summary(RepeatSummary s, String platform, PrintStream out) {
        for (MetricSummary m : s.metrics()) {
            out.println(String.join(",", field(s.workload()), field(s.test()), field(platform), "summary", "",
                    field(m.name()), field(m.unit()), m.direction().name().toLowerCase(Locale.ROOT), "",
                    Integer.toString(m.n()), number(m.mean()), number(m.stddev()), number(m.min()),
                    number(m.median()), number(m.max()), m.ci95Low() == null ? "" : number(m.ci95Low()),
                    m.ci95High() == null ? "" : number(m.ci95High())));
        }
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String field(String s) {
        return Csv.field(s);
    }
}

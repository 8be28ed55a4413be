package io.virtbench.http.report;

import static io.virtbench.http.report.AbMetrics.*;

import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.client.AbEngine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.ConnectionTimes;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ab 2.3's text report (support/ab.c output_results), printed from a {@link RunResult}: the
 * same labels in 24-character fields, the same number formats and the same conditional lines,
 * so virtbench's report and ab's compare line by line (and {@link AbLog} reads both).
 */
public final class AbReport {
    /** First line of virtbench's report; ab's banner is three lines naming ApacheBench. */
    public static final String FIRST_LINE = "virtbench (ApacheBench " + AbResult.AB_VERSION + " compatible)";

    private AbReport() {
    }

    /** The banner and ab's "Benchmarking" line, printed before the run. */
    public static void header(PrintStream out, AbOptions o, String client) {
        out.println(FIRST_LINE);
        out.println(client);
        out.println();
        out.print("Benchmarking " + o.target().hostname() + " (be patient)" + (AbEngine.heartbeatOf(o) > 0 ? "\n" : "..."));
        out.flush();
    }

    /** ab's end-of-run line: "Finished N requests" on stderr with progress lines, else "..done". */
    public static void finished(PrintStream out, PrintStream progress, AbOptions o, long done) {
        if (AbEngine.heartbeatOf(o) > 0) {
            progress.println("Finished " + done + " requests");
            progress.flush();
        } else {
            out.println("..done");
        }
    }

    /** The report, starting with ab's two newlines. */
    public static void print(RunResult r, PrintStream out) {
        StringBuilder s = new StringBuilder(2048);
        s.append("\n\n");
        line(s, "Server Software:", str(r, "server_software"));
        line(s, "Server Hostname:", str(r, "server_hostname"));
        line(s, "Server Port:", str(r, "server_port"));
        s.append('\n');
        line(s, "Document Path:", str(r, "document_path"));
        Optional<Metric> doc = r.metric(DOCUMENT_LENGTH);
        line(s, "Document Length:", doc.map(m -> (long) m.value() + " bytes").orElse("Variable"));
        s.append('\n');
        line(s, "Concurrency Level:", String.valueOf(r.parameters().get("c")));
        line(s, "Time taken for tests:", f("%.3f seconds", r.value(TIME_TAKEN)));
        line(s, "Complete requests:", whole(r, COMPLETE));
        long bad = (long) r.value(FAILED);
        line(s, "Failed requests:", Long.toString(bad));
        if (bad > 0) {
            s.append(f("   (Connect: %d, Receive: %d, Length: %d, Exceptions: %d)\n", (long) value(r, FAILED_CONNECT),
                    (long) value(r, FAILED_RECEIVE), (long) value(r, FAILED_LENGTH), (long) value(r, FAILED_EXCEPTIONS)));
        }
        if (value(r, WRITE_ERRORS) > 0) {
            line(s, "Write errors:", whole(r, WRITE_ERRORS));
        }
        if (value(r, NON_2XX) > 0) {
            line(s, "Non-2xx responses:", whole(r, NON_2XX));
        }
        if (r.metric(KEEP_ALIVE).isPresent()) {
            line(s, "Keep-Alive requests:", whole(r, KEEP_ALIVE));
        }
        line(s, "Total transferred:", whole(r, TOTAL_TRANSFERRED) + " bytes");
        if (r.metric(TOTAL_BODY_SENT).isPresent()) {
            line(s, "Total body sent:", whole(r, TOTAL_BODY_SENT));
        }
        line(s, "HTML transferred:", whole(r, HTML_TRANSFERRED) + " bytes");
        if (r.metric(REQUESTS_PER_SECOND).isPresent()) {
            line(s, "Requests per second:", f("%.2f [#/sec] (mean)", r.value(REQUESTS_PER_SECOND)));
            line(s, "Time per request:", f("%.3f [ms] (mean)", r.value(TIME_PER_REQUEST)));
            line(s, "Time per request:", f("%.3f [ms] (mean, across all concurrent requests)", r.value(TIME_PER_REQUEST_ALL)));
            line(s, "Transfer rate:", f("%.2f [Kbytes/sec] received", r.value(TRANSFER_RATE)));
            if (r.metric(SENT_RATE).isPresent()) {
                line(s, "", f("%.2f kb/s sent", r.value(SENT_RATE)));
                line(s, "", f("%.2f kb/s total", r.value(TOTAL_RATE)));
            }
        }
        if (r.metric(row("connect", "min")).isPresent()) {
            s.append("\nConnection Times (ms)\n");
            boolean confidence = r.metric(row("connect", "sd")).isPresent();
            if (confidence) {
                s.append("              min  mean[+/-sd] median   max\n");
                for (int i = 0; i < ROWS.size(); i++) {
                    String row = ROWS.get(i);
                    s.append(f("%-12s%5d %4d %5.1f %6d %7d\n", ROW_LABELS.get(i), ms(r, row, "min"), ms(r, row, "mean"),
                            r.value(row(row, "sd")), ms(r, row, "median"), ms(r, row, "max")));
                }
                sane(s, r);
            } else {
                s.append("              min   avg   max\n");
                for (int i = 0; i < ROWS.size(); i++) {
                    String row = ROWS.get(i);
                    // ab's -S format has no space before max
                    s.append(f("%-12s%5d %5d%5d\n", ROW_LABELS.get(i), ms(r, row, "min"), ms(r, row, "mean"), ms(r, row, "max")));
                }
            }
        }
        if (r.metric(served(50)).isPresent()) {
            s.append("\nPercentage of the requests served within a certain time (ms)\n");
            for (int p : ConnectionTimes.PERCENTS) {
                long v = (long) r.value(served(p));
                s.append(p >= 100 ? f(" 100%%  %5d (longest request)\n", v) : f("  %d%%  %5d\n", p, v));
            }
        }
        out.print(s);
        out.flush();
    }

    /** virtbench's lines after ab's report for {@code --rate}: latency from the actual and the intended send time. */
    public static void rateLines(RunResult r, PrintStream out) {
        LatencySummary actual = r.latency();
        LatencySummary intended = r.intendedLatency();
        if (actual == null || intended == null) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "virtbench --rate %s: latency (ms)    p50      p90      p99    p99.9      max\n",
                number(r.parameters().get("rate")));
        rateLine(out, "from the actual send time:", actual.percentilesMs());
        rateLine(out, "from the intended send time:", intended.percentilesMs());
        out.println("(the intended send time corrects for coordinated omission, as wrk2)");
        out.flush();
    }

    private static void rateLine(PrintStream out, String label, Map<String, Double> p) {
        out.printf(Locale.ROOT, "  %-30s %8.3f %8.3f %8.3f %8.3f %8.3f\n", label, p.get("50"), p.get("90"), p.get("99"),
                p.get("99.9"), p.get("100"));
    }

    private static String number(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(v);
    }

    /** ab's SANE lines under the table: an imported report's own verdicts, else ab's check of each row. */
    private static void sane(StringBuilder s, RunResult r) {
        Object sane = r.details().get(SANE_DETAIL);
        for (int i = 0; i < ROWS.size(); i++) {
            String row = ROWS.get(i);
            if (sane instanceof Map<?, ?> verdicts) {
                verdict(s, ROW_WHAT.get(i), verdicts.get(ROW_WHAT.get(i)));
            } else {
                warn(s, ROW_WHAT.get(i), ms(r, row, "mean"), ms(r, row, "median"), r.value(row(row, "sd")));
            }
        }
    }

    /** ab's SANE check on one row: WARNING beyond one sd between mean and median, ERROR beyond two. */
    static void warn(StringBuilder s, String what, long mean, long median, double sd) {
        double d = Math.abs((double) mean - median);
        verdict(s, what, d > 2 * sd ? "ERROR" : d > sd ? "WARNING" : null);
    }

    /** ab's SANE lines for one row's verdict (ERROR, WARNING, or none). */
    private static void verdict(StringBuilder s, String what, Object verdict) {
        if ("ERROR".equals(verdict)) {
            s.append("ERROR: The median and mean for ").append(what).append(" are more than twice the standard\n")
                    .append("       deviation apart. These results are NOT reliable.\n");
        } else if ("WARNING".equals(verdict)) {
            s.append("WARNING: The median and mean for ").append(what).append(" are not within a normal deviation\n")
                    .append("        These results are probably not that reliable.\n");
        }
    }

    private static long ms(RunResult r, String row, String stat) {
        return (long) r.value(row(row, stat));
    }

    private static double value(RunResult r, String name) {
        return r.metric(name).map(Metric::value).orElse(0.0);
    }

    private static String whole(RunResult r, String name) {
        return Long.toString((long) value(r, name));
    }

    private static String str(RunResult r, String detail) {
        Object v = r.details().get(detail);
        return v == null ? "" : String.valueOf(v);
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(f("%-24s", label)).append(value).append('\n');
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

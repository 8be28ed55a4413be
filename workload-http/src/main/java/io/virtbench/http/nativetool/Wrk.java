package io.virtbench.http.nativetool;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.report.AbMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads wrk's text output (one or many runs one after another) into {@value AbMetrics#WORKLOAD}
 * results. wrk keeps connections open and reports per-request latency, so a run carries
 * {@code k} = true, {@code concurrency} = its connections, and {@code load-generator} = wrk, which
 * keeps it apart from ab's runs in a report. Metrics: {@value AbMetrics#TIME_PER_REQUEST} (the
 * mean latency), {@value AbMetrics#REQUESTS_PER_SECOND}, {@value AbMetrics#COMPLETE}, the
 * latency standard deviation, maximum and (with {@code --latency}) percentiles, and socket errors.
 */
public final class Wrk {
    public static final String LOAD_GENERATOR = "load-generator";
    private static final Pattern RUNNING = Pattern.compile("^Running (\\S+) test @ (\\S+)");
    private static final Pattern SETUP = Pattern.compile("^\\s+(\\d+) threads and (\\d+) connections");
    private static final String TIME = "([\\d.]+)(us|ms|s|m|h)";
    private static final Pattern LATENCY = Pattern.compile("^\\s+Latency\\s+" + TIME + "\\s+" + TIME + "\\s+" + TIME);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)(?:\\.000)?%\\s+" + TIME + "\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("^\\s+(\\d+) requests in " + TIME + ", ([\\d.]+)(B|KB|MB|GB|TB) read");
    private static final Pattern SOCKET = Pattern.compile(
            "^\\s+Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("^\\s+Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)");

    private Wrk() {
    }

    /** wrk's first line at the start of a line, and its thread/connection line. */
    public static boolean looksLike(String head) {
        return (head.startsWith("Running ") || head.contains("\nRunning ")) && head.contains(" test @ ")
                && SETUP.matcher(head.substring(head.indexOf('\n') + 1)).find() && head.contains("Thread Stats");
    }

    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = text.split("\r?\n", -1);
        List<RunResult> out = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (RUNNING.matcher(lines[i]).find()) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            throw new NativeParseException("no wrk run found (no line 'Running ... test @ URL')", 1);
        }
        for (int k = 0; k < starts.size(); k++) {
            int to = k + 1 < starts.size() ? starts.get(k + 1) : lines.length;
            out.add(run(source, lines, starts.get(k), to, k + 1));
        }
        return out;
    }

    private static RunResult run(String source, String[] lines, int from, int to, int repetition)
            throws NativeParseException {
        Matcher running = RUNNING.matcher(lines[from]);
        running.find();
        RunResult.Builder b = RunResult.builder(AbMetrics.WORKLOAD).tool("wrk").repetition(repetition)
                .source(source + ":" + (from + 1)).parameter(LOAD_GENERATOR, "wrk").parameter("url", running.group(2))
                .parameter("duration", seconds(running.group(1), from + 1)).parameter("k", true);
        boolean latency = false;
        boolean rate = false;
        for (int i = from + 1; i < to; i++) {
            String line = lines[i];
            Matcher m;
            if ((m = SETUP.matcher(line)).find()) {
                b.parameter("threads", Long.parseLong(m.group(1)));
                b.parameter("c", Long.parseLong(m.group(2)));
                b.parameter(AbMetrics.CONCURRENCY, Long.parseLong(m.group(2)));
            } else if ((m = LATENCY.matcher(line)).find()) {
                b.lower(AbMetrics.TIME_PER_REQUEST, ms(m.group(1), m.group(2)), "ms");
                b.info("latency_stdev_ms", ms(m.group(3), m.group(4)), "ms");
                b.info("latency_max_ms", ms(m.group(5), m.group(6)), "ms");
                latency = true;
            } else if ((m = PERCENTILE.matcher(line)).find()) {
                b.lower("latency_p" + m.group(1) + "_ms", ms(m.group(2), m.group(3)), "ms");
            } else if ((m = REQUESTS.matcher(line)).find()) {
                b.info(AbMetrics.COMPLETE, Double.parseDouble(m.group(1)), "requests");
                b.parameter("time", seconds(m.group(2) + m.group(3), i + 1));
            } else if ((m = SOCKET.matcher(line)).find()) {
                b.info("socket_errors", Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                        + Long.parseLong(m.group(4)), "errors");
            } else if ((m = NON_2XX.matcher(line)).find()) {
                b.info(AbMetrics.NON_2XX, Double.parseDouble(m.group(1)), "responses");
            } else if ((m = RATE.matcher(line)).find()) {
                b.higher(AbMetrics.REQUESTS_PER_SECOND, Double.parseDouble(m.group(1)), "requests/s");
                rate = true;
            }
        }
        if (!latency || !rate) {
            throw new NativeParseException("the wrk run has no " + (latency ? "'Requests/sec:'" : "'Latency'") + " line",
                    from + 1);
        }
        return b.build();
    }

    private static double ms(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
        };
    }

    /** wrk's durations: "2s", "2.00s", "1m", "10.01s". */
    private static double seconds(String s, int line) throws NativeParseException {
        Matcher m = Pattern.compile("^([\\d.]+)(us|ms|s|m|h)?$").matcher(s.strip().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            throw new NativeParseException("'" + s + "' is not a wrk duration", line);
        }
        return ms(m.group(1), m.group(2) == null ? "s" : m.group(2)) / 1000;
    }
}

package io.virtbench.core.sysbench;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.Fairness;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sysbench 1.0.x text output (spec/sysbench.md §4): splits a log into runs (a log may hold
 * many runs one after another, as the study's logs do), and reads the parts every sysbench
 * test shares — the header, interval lines and the common final block. The cpu, fileio and OLTP
 * parsers read their own section with {@link #value} and build on {@link #commonResult}.
 * virtbench's own sysbench-layout output reads the same way.
 */
public final class SysbenchLog {
    private static final Pattern HEADER = Pattern.compile("^(sysbench (\\S+)|virtbench .*\\(sysbench (\\S+) compatible\\)).*");
    private static final Pattern INTERVAL = Pattern.compile("^\\[ (\\d+)s \\] (.*)$");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(\\d+)th percentile:\\s*(\\S+)\\s*$");

    /**
     * The threads fairness line of a run in which every thread ran exactly one event: always so
     * in sysbench's mutex test, which tells its logs from the threads test's (neither prints
     * anything of its own).
     */
    public static final String ONE_EVENT_PER_THREAD = "events (avg/stddev):           1.0000/0.00";

    private SysbenchLog() {
    }

    /** The lines of one run, starting at its header line. */
    public record Block(String source, int firstLine, String tool, String version, List<String> lines) {
        /** 1-based line number in the source of this block's line {@code i}. */
        public int lineNumber(int i) {
            return firstLine + i;
        }
    }

    /** An interval line: elapsed seconds and the text after {@code [ Xs ] }. */
    public record IntervalLine(int time, String text, int lineNumber) {
    }

    /** Splits {@code text} into runs at every header line; text before the first header is ignored. */
    public static List<Block> split(String source, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        int start = -1;
        String tool = null;
        String version = null;
        for (int i = 0; i <= lines.length; i++) {
            Matcher m = i < lines.length ? HEADER.matcher(lines[i]) : null;
            boolean header = m != null && m.matches();
            if (header || i == lines.length) {
                if (start >= 0) {
                    blocks.add(new Block(source, start + 1, tool, version, List.of(lines).subList(start, i)));
                }
                if (header) {
                    start = i;
                    tool = m.group(2) != null ? "sysbench" : "virtbench";
                    version = m.group(2) != null ? m.group(2) : m.group(3);
                }
            }
        }
        return blocks;
    }

    /** True if the block contains a line equal to {@code text} after trimming. */
    public static boolean contains(Block b, String text) {
        return indexOf(b, text, 0) >= 0;
    }

    /** Index of the first line at or after {@code from} equal to {@code text} after trimming, or -1. */
    public static int indexOf(Block b, String text, int from) {
        for (int i = from; i < b.lines().size(); i++) {
            if (b.lines().get(i).strip().equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value after the first line labelled {@code label} (the text before the first colon,
     * trimmed), searching from line {@code from}; null if there is no such line.
     */
    public static String value(Block b, String label, int from) {
        for (int i = Math.max(0, from); i < b.lines().size(); i++) {
            String line = b.lines().get(i);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(label)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** Like {@link #value} but required, as a number (a trailing unit such as "s" is dropped). */
    public static double number(Block b, String label, int from) throws NativeParseException {
        String v = value(b, label, from);
        if (v == null) {
            throw new NativeParseException("no '" + label + ":' line in the run starting here", b.firstLine());
        }
        return parseNumber(v, b, label);
    }

    static double parseNumber(String v, Block b, String label) throws NativeParseException {
        String s = v.strip();
        int end = 0;
        while (end < s.length() && "0123456789.-+eEinfa".indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        try {
            return Double.parseDouble(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new NativeParseException("'" + label + ":' has no number: '" + v + "'", b.firstLine());
        }
    }

    /** The {@code [ Xs ] } lines of a block, in order. */
    public static List<IntervalLine> intervals(Block b) {
        List<IntervalLine> out = new ArrayList<>();
        for (int i = 0; i < b.lines().size(); i++) {
            Matcher m = INTERVAL.matcher(b.lines().get(i));
            if (m.matches()) {
                out.add(new IntervalLine(Integer.parseInt(m.group(1)), m.group(2), b.lineNumber(i)));
            }
        }
        return out;
    }

    /**
     * Adds one {@link Interval} per interval line that {@code pattern} matches, with the values
     * {@code values} reads from the match; other lines (e.g. the "queue length" line of --rate)
     * are skipped.
     */
    public static void addIntervals(Block b, Pattern pattern, RunResult.Builder r,
                                    BiConsumer<Matcher, Map<String, Double>> values) {
        int previous = 0;
        for (IntervalLine line : intervals(b)) {
            Matcher m = pattern.matcher(line.text());
            if (!m.matches()) {
                continue;
            }
            Map<String, Double> v = new LinkedHashMap<>();
            values.accept(m, v);
            r.interval(new Interval(line.time(), line.time() - previous, v));
            previous = line.time();
        }
    }

    /** Reads one run's block. */
    public interface RunParser {
        RunResult parse(Block b) throws NativeParseException;
    }

    /**
     * Every run of a log (one or many runs one after another), skipping the blocks {@code skip}
     * accepts; none at all is an error naming {@code what}.
     */
    public static List<RunResult> parseRuns(String source, String text, String what, Predicate<Block> skip,
                                            RunParser parser) throws NativeParseException {
        List<RunResult> out = new ArrayList<>();
        for (Block b : split(source, text)) {
            if (!skip.test(b)) {
                out.add(parser.parse(b));
            }
        }
        if (out.isEmpty()) {
            throw new NativeParseException("no " + what + " run found (no line starting with 'sysbench ')", 1);
        }
        return out;
    }

    /**
     * True if the run prints nothing of its own: between "Threads started!" and "General
     * statistics:" there are only empty and interval lines, as with sysbench's threads and mutex
     * tests (cpu, memory, fileio and the Lua tests all print a section there). False when either
     * line is missing.
     */
    public static boolean bareReport(List<String> lines) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).strip().equals("Threads started!")) {
            i++;
        }
        for (i++; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("General statistics:")) {
                return true;
            }
            if (!l.isEmpty() && !INTERVAL.matcher(l).matches()) {
                return false;
            }
        }
        return false;
    }

    /** {@link #bareReport(List)} of the first run in {@code text}. */
    public static boolean bareReport(String text) {
        return bareReport(List.of(text.replace("\r\n", "\n").split("\n", -1)));
    }

    /** The block's {@link #bareReport(List)}, or a parse error naming {@code test} when it has a section of its own. */
    public static void requireBareReport(Block b, String test) throws NativeParseException {
        if (!bareReport(b.lines()) && contains(b, "General statistics:")) {
            throw new NativeParseException("not a sysbench " + test + " run (it reports a section of its own)", b.firstLine());
        }
    }

    /** Number of threads from "Number of threads: N", or 1 when absent. */
    public static int threads(Block b) throws NativeParseException {
        String v = value(b, "Number of threads", 0);
        return v == null ? 1 : (int) parseNumber(v, b, "Number of threads");
    }

    /**
     * What every sysbench test reports: a result builder with the tool and version, source,
     * threads, latency and threads fairness, plus total time and events. The caller adds its own
     * metrics and then {@link SysbenchMetrics#common}. Fails if the run has no final report (a
     * FATAL error, or a log cut short).
     */
    public record Common(RunResult.Builder builder, double totalTime, long events, LatencySummary latency) {
        /** Adds the common metrics after the workload's own: total time, events, latency. */
        public RunResult.Builder withCommonMetrics() {
            return SysbenchMetrics.common(builder, totalTime, events, latency);
        }
    }

    public static Common commonResult(Block b, String workload) throws NativeParseException {
        int general = indexOf(b, "General statistics:", 0);
        if (general < 0) {
            int fatal = -1;
            for (int i = 0; i < b.lines().size() && fatal < 0; i++) {
                if (b.lines().get(i).startsWith("FATAL:")) {
                    fatal = i;
                }
            }
            if (fatal >= 0) {
                throw new NativeParseException("the run failed: " + b.lines().get(fatal), b.lineNumber(fatal));
            }
            throw new NativeParseException("the run has no final report ('General statistics:' missing)", b.firstLine());
        }
        double total = number(b, "total time", general);
        long events = (long) number(b, "total number of events", general);
        int lat = indexOf(b, "Latency (ms):", general);
        if (lat < 0) {
            throw new NativeParseException("no 'Latency (ms):' block", b.lineNumber(general));
        }
        double min = number(b, "min", lat);
        double avg = number(b, "avg", lat);
        double max = number(b, "max", lat);
        double sum = number(b, "sum", lat);
        int percentile = 0;
        double pctValue = 0;
        for (int i = lat; i < Math.min(b.lines().size(), lat + 8); i++) {
            Matcher m = PERCENTILE.matcher(b.lines().get(i));
            if (m.matches()) {
                percentile = Integer.parseInt(m.group(1));
                pctValue = parseNumber(m.group(2), b, "percentile");
            }
        }
        int fair = indexOf(b, "Threads fairness:", lat);
        Fairness fairness = null;
        if (fair >= 0) {
            double[] ev = pair(b, "events (avg/stddev)", fair);
            double[] ex = pair(b, "execution time (avg/stddev)", fair);
            fairness = new Fairness(ev[0], ev[1], ex[0], ex[1]);
        }
        int threads = threads(b);
        LatencySummary latency = new LatencySummary(events, min, avg, max, sum, percentile, pctValue, Map.of(), null);
        RunResult.Builder r = RunResult.builder(workload)
                .tool(b.tool())
                .toolVersion(b.version())
                .source(b.source() + ":" + b.firstLine())
                .parameter("threads", threads)
                .latency(latency)
                .fairness(fairness);
        return new Common(r, total, events, latency);
    }

    private static double[] pair(Block b, String label, int from) throws NativeParseException {
        String v = value(b, label, from);
        if (v == null) {
            throw new NativeParseException("no '" + label + ":' line", b.lineNumber(from));
        }
        String[] parts = v.split("/");
        if (parts.length != 2) {
            throw new NativeParseException("'" + label + ":' is not avg/stddev: '" + v + "'", b.lineNumber(from));
        }
        return new double[] {parseNumber(parts[0], b, label), parseNumber(parts[1], b, label)};
    }
}

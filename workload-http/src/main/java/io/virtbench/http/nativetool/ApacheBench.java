package io.virtbench.http.nativetool;

import static io.virtbench.http.report.AbMetrics.*;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.http.client.AbCommandLine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.AbUrl;
import io.virtbench.http.client.ConnectionTimes;
import io.virtbench.http.report.AbResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the http workload: the equivalent {@code ab} command line, a parser of
 * ab's text output (one or many runs one after another, as the study's logs hold them) into
 * the same result model as virtbench's, and running ab.
 */
public final class ApacheBench {
    private static final Pattern HEADER =
            Pattern.compile("^(?:This is ApacheBench, Version (\\S+)|virtbench \\(ApacheBench (\\S+) compatible\\)).*");
    private static final Pattern BREAKDOWN =
            Pattern.compile("^\\s*\\(Connect: (\\d+), Receive: (\\d+), Length: (\\d+), Exceptions: (\\d+)\\)\\s*$");
    private static final Pattern PERCENT = Pattern.compile("^\\s*(\\d+)%\\s+(-?\\d+)(?: \\(longest request\\))?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("^(-?\\d+(?:\\.\\d+)?)(?:\\s.*)?$");
    private static final Pattern SANE = Pattern.compile("^(ERROR|WARNING): The median and mean for (.+) are (?:more than|not within).*");
    private static final Pattern TOTAL_OF = Pattern.compile("Total of (\\d+) requests completed");
    private static final Pattern BENCHMARKING = Pattern.compile("^Benchmarking (\\S+) .*");
    private static final List<String> LABELS = List.of("Server Software", "Server Hostname", "Server Port",
            "Document Path", "Document Length", "Concurrency Level", "Time taken for tests", "Complete requests",
            "Failed requests", "Write errors", "Non-2xx responses", "Keep-Alive requests", "Total transferred",
            "Total body sent", "HTML transferred", "Requests per second", "Transfer rate");
    private static final String TIME_PER_REQUEST_LABEL = "Time per request:";

    private ApacheBench() {
    }

    /** The ab command that runs the same benchmark as {@code virtbench http bench} with these options. */
    public static List<String> command(AbOptions o) {
        return AbCommandLine.of(o);
    }

    public static String commandLine(AbOptions o) {
        return AbCommandLine.line(o);
    }

    // ------------------------------------------------------------------ parser

    /** Every run in an ab log (ab's stdout, possibly with its stderr, one run after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<RunResult> out = new ArrayList<>();
        int start = -1;
        String version = null;
        boolean virtbench = false;
        for (int i = 0; i <= lines.length; i++) {
            Matcher m = i < lines.length ? HEADER.matcher(lines[i]) : null;
            boolean header = m != null && m.matches();
            if (header || i == lines.length) {
                if (start >= 0) {
                    try {
                        out.add(parseRun(source, start + 1, lines, start, i, version, virtbench));
                    } catch (NativeParseException e) {
                        // a figure missing from a run: the run's first line
                        throw e.line() > 0 ? e : new NativeParseException(e.getMessage(), start + 1);
                    }
                }
                if (header) {
                    start = i;
                    virtbench = m.group(1) == null;
                    version = virtbench ? m.group(2) : m.group(1);
                }
            }
        }
        if (out.isEmpty()) {
            throw new NativeParseException("no ab run found (no line starting with 'This is ApacheBench')", 1);
        }
        return out;
    }

    private static RunResult parseRun(String source, int firstLine, String[] lines, int from, int to,
                                      String version, boolean virtbench) throws NativeParseException {
        RunResult.Builder b = RunResult.builder(WORKLOAD)
                .tool(virtbench ? "virtbench" : "ab")
                .toolVersion(version)
                .repetition(0)
                .source(source + ":" + firstLine);
        Report r = new Report();
        for (int i = from + 1; i < to; i++) {
            r.scan(lines[i], i + 1);
        }
        if (!r.values.containsKey("Complete requests")) {
            return stoppedEarly(b, r, firstLine);
        }
        String hostname = r.values.getOrDefault("Server Hostname", r.host);
        long port = r.longOf("Server Port");
        String path = r.values.getOrDefault("Document Path", "/");
        boolean variable = "Variable".equals(r.values.get("Document Length"));
        b.parameter("url", "http://" + (hostname != null && hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname)
                + (port == AbUrl.DEFAULT_PORT ? "" : ":" + port) + path);
        long concurrency = r.longOf("Concurrency Level");
        b.parameter("c", concurrency);
        b.parameter(CONCURRENCY, concurrency);
        b.parameter("k", r.values.containsKey("Keep-Alive requests"));
        b.parameter("l", variable);
        if (!r.errors.isEmpty()) {
            b.status(RunStatus.FAILED).message(String.join("; ", r.errors));
        }
        if (!variable) {
            b.info(DOCUMENT_LENGTH, r.longOf("Document Length"), "bytes");
        }
        double taken = r.doubleOf("Time taken for tests");
        long done = r.longOf("Complete requests");
        long bad = r.longOf("Failed requests");
        Breakdown bd = r.breakdown != null ? r.breakdown : Breakdown.NONE;
        addCounts(b, r, taken, done, bad, bd);
        addRates(b, r);
        addConnectionTimes(b, r, done, virtbench, firstLine);
        b.detail("server_software", r.values.getOrDefault("Server Software", ""));
        b.detail("server_hostname", hostname);
        b.detail("server_port", port);
        b.detail("document_path", path);
        if (bad > 0) {
            b.error("connect", bd.connect()).error("receive", bd.receive()).error("length", bd.length())
                    .error("exceptions", bd.exceptions());
        }
        return b.build();
    }

    /** ab's "(Connect: …, Receive: …, Length: …, Exceptions: …)" after "Failed requests". */
    private record Breakdown(long connect, long receive, long length, long exceptions) {
        static final Breakdown NONE = new Breakdown(0, 0, 0, 0);
    }

    /** What one ab report says, line by line, before it becomes a result. */
    private static final class Report {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Integer> lineOf = new LinkedHashMap<>();
        String timePerRequest;
        String timePerRequestAll;
        String sent;
        String total;
        Breakdown breakdown;
        final Map<String, double[]> rows = new LinkedHashMap<>();
        final Map<Integer, Long> percents = new LinkedHashMap<>();
        boolean confidence = true;
        String host;
        final List<String> errors = new ArrayList<>();
        /** ab's own SANE verdicts, by row (ERROR or WARNING): computed from unrounded figures, which the report no longer has. */
        final Map<String, String> sane = new LinkedHashMap<>();
        Long totalOf;

        long longOf(String key) throws NativeParseException {
            return ApacheBench.longOf(values, lineOf, key);
        }

        double doubleOf(String key) throws NativeParseException {
            return ApacheBench.doubleOf(values, lineOf, key);
        }

        /** Line {@code no} of the report. */
        void scan(String line, int no) throws NativeParseException {
            String label = labelOf(line);
            if (label != null) {
                values.put(label, line.substring(label.length() + 1).strip());
                lineOf.put(label, no);
                return;
            }
            if (line.startsWith(TIME_PER_REQUEST_LABEL)) {
                String v = line.substring(TIME_PER_REQUEST_LABEL.length()).strip();
                if (v.endsWith("(mean, across all concurrent requests)")) {
                    timePerRequestAll = number(v, no);
                } else {
                    timePerRequest = number(v, no);
                }
                return;
            }
            String t = line.strip();
            if (t.endsWith("kb/s sent") && line.startsWith(" ")) {
                sent = number(t, no);
                return;
            }
            if (t.endsWith("kb/s total") && line.startsWith(" ")) {
                total = number(t, no);
                return;
            }
            Matcher m = BREAKDOWN.matcher(line);
            if (m.matches()) {
                breakdown = new Breakdown(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
                return;
            }
            if (t.startsWith("min") && t.contains("avg") && t.endsWith("max")) {
                confidence = false;
                return;
            }
            int row = ROW_LABELS.indexOf(line.isEmpty() ? "" : line.split("\\s+", 2)[0]);
            if (row >= 0) {
                rows.put(ROWS.get(row), rowValues(line, ROW_LABELS.get(row), confidence, no));
                return;
            }
            scanTail(line, t);
        }

        /** The percentages, the count of a stopped run, the host, ab's SANE verdicts and its error lines. */
        private void scanTail(String line, String t) {
            Matcher m = SANE.matcher(line);
            if (m.matches()) {
                sane.put(m.group(2), m.group(1));
                return;
            }
            m = PERCENT.matcher(line);
            if (m.matches()) {
                percents.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                return;
            }
            m = TOTAL_OF.matcher(line);
            if (m.find()) {
                totalOf = Long.parseLong(m.group(1));
            }
            m = BENCHMARKING.matcher(line);
            if (m.matches()) {
                host = m.group(1);
                return;
            }
            if (line.startsWith("apr_") || line.startsWith("Test aborted") || line.endsWith("timed out!")
                    || line.startsWith("ab: ")) {
                errors.add(t);
            }
        }
    }

    /** A report without "Complete requests": a run ab ended early (a failed result), or a report cut short. */
    private static RunResult stoppedEarly(RunResult.Builder b, Report r, int firstLine) throws NativeParseException {
        if (r.totalOf == null && r.errors.isEmpty()) {
            throw new NativeParseException("incomplete ab report: no 'Complete requests' line", firstLine);
        }
        String message = r.errors.isEmpty() ? "ab stopped early" : String.join("; ", r.errors);
        if (r.totalOf != null) {
            message += " (total of " + r.totalOf + " requests completed)";
            b.info(COMPLETE, r.totalOf, "requests");
        }
        if (r.host != null) {
            b.detail("server_hostname", r.host);
        }
        return b.status(RunStatus.FAILED).message(message).build();
    }

    private static void addCounts(RunResult.Builder b, Report r, double taken, long done, long bad, Breakdown bd)
            throws NativeParseException {
        b.info(TIME_TAKEN, taken, "s");
        b.info(COMPLETE, done, "requests");
        b.lower(FAILED, bad, "requests");
        b.info(FAILED_CONNECT, bd.connect(), "requests");
        b.info(FAILED_RECEIVE, bd.receive(), "requests");
        b.info(FAILED_LENGTH, bd.length(), "requests");
        b.info(FAILED_EXCEPTIONS, bd.exceptions(), "requests");
        b.info(WRITE_ERRORS, r.values.containsKey("Write errors") ? r.longOf("Write errors") : 0, "requests");
        b.info(NON_2XX, r.values.containsKey("Non-2xx responses") ? r.longOf("Non-2xx responses") : 0, "responses");
        if (r.values.containsKey("Keep-Alive requests")) {
            b.info(KEEP_ALIVE, r.longOf("Keep-Alive requests"), "requests");
        }
        b.info(TOTAL_TRANSFERRED, r.longOf("Total transferred"), "bytes");
        if (r.values.containsKey("Total body sent")) {
            b.info(TOTAL_BODY_SENT, r.longOf("Total body sent"), "bytes");
        }
        b.info(HTML_TRANSFERRED, r.longOf("HTML transferred"), "bytes");
    }

    private static void addRates(RunResult.Builder b, Report r) throws NativeParseException {
        if (!r.values.containsKey("Requests per second")) {
            return;
        }
        b.higher(REQUESTS_PER_SECOND, r.doubleOf("Requests per second"), "requests/s");
        if (r.timePerRequest == null || r.timePerRequestAll == null) {
            throw new NativeParseException("'Time per request' lines missing", r.lineOf.get("Requests per second"));
        }
        b.lower(TIME_PER_REQUEST, Double.parseDouble(r.timePerRequest), "ms");
        b.lower(TIME_PER_REQUEST_ALL, Double.parseDouble(r.timePerRequestAll), "ms");
        b.higher(TRANSFER_RATE, r.doubleOf("Transfer rate"), "KiB/s");
        if (r.sent != null && r.total != null) {
            b.info(SENT_RATE, Double.parseDouble(r.sent), "KiB/s");
            b.info(TOTAL_RATE, Double.parseDouble(r.total), "KiB/s");
        }
    }

    /** The Connection Times table, the percentages, and the latency summary from them. */
    private static void addConnectionTimes(RunResult.Builder b, Report r, long done, boolean virtbench, int firstLine)
            throws NativeParseException {
        if (r.rows.size() == ROWS.size()) {
            for (String row : ROWS) {
                double[] v = r.rows.get(row);
                b.info(row(row, "min"), v[0], "ms");
                b.info(row(row, "mean"), v[1], "ms");
                if (v.length == 5) {
                    b.info(row(row, "sd"), v[2], "ms");
                    b.info(row(row, "median"), v[3], "ms");
                    b.info(row(row, "max"), v[4], "ms");
                } else {
                    b.info(row(row, "max"), v[2], "ms");
                }
            }
            b.detail("median", virtbench ? "unknown" : "ab");
            if (v5(r)) {
                b.detail(SANE_DETAIL, new LinkedHashMap<>(r.sane));
            }
        } else if (!r.rows.isEmpty()) {
            throw new NativeParseException("incomplete Connection Times table", firstLine);
        }
        boolean allPercents = true;
        for (int p : ConnectionTimes.PERCENTS) {
            allPercents &= r.percents.containsKey(p);
        }
        if (allPercents) {
            for (int p : ConnectionTimes.PERCENTS) {
                b.info(served(p), r.percents.get(p), "ms");
            }
        }
        if (r.rows.containsKey("total")) {
            double[] tt = r.rows.get("total");
            Map<String, Double> pct = new LinkedHashMap<>();
            if (allPercents) {
                for (int p : new int[] {50, 90, 95, 99, 100}) {
                    pct.put(Integer.toString(p), (double) r.percents.get(p));
                }
            }
            b.latency(new LatencySummary(done, tt[0], tt[1], tt.length == 5 ? tt[4] : tt[2], tt[1] * done, 0, 0, pct, null));
        }
    }

    private static boolean v5(Report r) {
        return r.rows.values().stream().allMatch(v -> v.length == 5);
    }

    private static String labelOf(String line) {
        for (String l : LABELS) {
            if (line.startsWith(l) && line.length() > l.length() && line.charAt(l.length()) == ':') {
                return l;
            }
        }
        return null;
    }

    /** A row of the Connection Times table: min mean sd median max, or min avg max with -S. */
    private static double[] rowValues(String line, String label, boolean confidence, int no) throws NativeParseException {
        String rest = line.substring(label.length());
        String[] tok = rest.strip().split("\\s+");
        try {
            if (confidence && tok.length == 5) {
                double[] v = new double[5];
                for (int i = 0; i < 5; i++) {
                    v[i] = Double.parseDouble(tok[i]);
                }
                return v;
            }
            if (!confidence) {
                // ab's -S layout "%5d %5d%5d" (12-character label): no space before max
                String cols = line.length() >= 12 ? line.substring(12) : "";
                if (cols.length() == 16) {
                    return new double[] {Double.parseDouble(cols.substring(0, 5).strip()),
                            Double.parseDouble(cols.substring(6, 11).strip()), Double.parseDouble(cols.substring(11).strip())};
                }
                if (tok.length == 3) {
                    return new double[] {Double.parseDouble(tok[0]), Double.parseDouble(tok[1]), Double.parseDouble(tok[2])};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NativeParseException("cannot read the Connection Times row '" + line.strip() + "'", no);
    }

    private static String number(String v, int no) throws NativeParseException {
        Matcher m = NUMBER.matcher(v.strip());
        if (!m.matches()) {
            throw new NativeParseException("not a number: '" + v + "'", no);
        }
        return m.group(1);
    }

    private static long longOf(Map<String, String> values, Map<String, Integer> lineOf, String label)
            throws NativeParseException {
        return (long) doubleOf(values, lineOf, label);
    }

    private static double doubleOf(Map<String, String> values, Map<String, Integer> lineOf, String label)
            throws NativeParseException {
        String v = values.get(label);
        if (v == null) {
            throw new NativeParseException("'" + label + ":' line missing", 0);
        }
        return Double.parseDouble(number(v, lineOf.get(label)));
    }

    // ------------------------------------------------------------------ running ab

    /** Runs native ab with the same options and reads its report. */
    public static RunResult run(AbOptions o) {
        NativeTool.require("ab", "apache2-utils");
        if (o.rate() > 0 || o.http11()) {
            throw UserException.usage("ab has no --rate or --http11: leave them out to compare with ab");
        }
        long limit = o.timeLimit() > 0 ? (long) o.timeLimit() + 60 : 3600;
        NativeTool.Result res = NativeTool.run(command(o), null, Duration.ofSeconds(limit));
        List<RunResult> parsed;
        try {
            parsed = parse("ab", res.stdout() + "\n" + res.stderr());
        } catch (NativeParseException e) {
            throw new UserException("ab failed: " + res.firstErrorLine());
        }
        RunResult r = parsed.get(0);
        if (res.exitCode() != 0 && r.status() == RunStatus.COMPLETE) {
            throw new UserException("ab failed (exit status " + res.exitCode() + "): " + res.firstErrorLine());
        }
        RunResult.Builder b = r.toBuilder().nativeCommand(NativeTool.commandLine(res.command())).repetition(1);
        AbResult.parameters(b, o);
        return b.build();
    }
}

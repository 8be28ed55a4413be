package io.virtbench.http;

import static io.virtbench.http.AbMetrics.*;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
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
        List<String> c = new ArrayList<>();
        c.add("ab");
        if (o.keepAlive()) {
            c.add("-k");
        }
        if (o.recvErrorsOk()) {
            c.add("-r");
        }
        if (o.timeLimit() > 0) {
            // -t sets -n to 50000; an -n after it wins
            c.add("-t");
            c.add(whole(Math.ceil(o.timeLimit())));
        }
        c.add("-n");
        c.add(Integer.toString(o.requests()));
        c.add("-c");
        c.add(Integer.toString(o.concurrency()));
        if (o.timeout() != AbOptions.DEFAULT_TIMEOUT) {
            c.add("-s");
            c.add(whole(Math.max(1, Math.ceil(o.timeout()))));
        }
        for (String h : o.headers()) {
            c.add("-H");
            c.add(h);
        }
        if (o.head()) {
            c.add("-i");
        }
        if (o.postFile() != null) {
            c.add("-p");
            c.add(o.postFile().toString());
        }
        if (o.putFile() != null) {
            c.add("-u");
            c.add(o.putFile().toString());
        }
        if (o.bodyFile() != null && !AbOptions.DEFAULT_CONTENT_TYPE.equals(o.contentType())) {
            c.add("-T");
            c.add(o.contentType());
        }
        if (o.method() != null) {
            c.add("-m");
            c.add(o.method());
        }
        if (o.cookie() != null) {
            c.add("-C");
            c.add(o.cookie());
        }
        if (o.variableLength()) {
            c.add("-l");
        }
        if (o.quiet()) {
            c.add("-q");
        }
        if (o.noPercentiles()) {
            c.add("-d");
        }
        if (o.noConfidence()) {
            c.add("-S");
        }
        c.add(o.url());
        return c;
    }

    public static String commandLine(AbOptions o) {
        return NativeTool.commandLine(command(o));
    }

    private static String whole(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String timePerRequest = null;
        String timePerRequestAll = null;
        String sent = null;
        String total = null;
        long[] breakdown = null;
        Map<String, double[]> rows = new LinkedHashMap<>();
        Map<Integer, Long> percents = new LinkedHashMap<>();
        boolean confidence = true;
        String host = null;
        List<String> errors = new ArrayList<>();
        Long totalOf = null;
        for (int i = from + 1; i < to; i++) {
            String line = lines[i];
            int no = i + 1;
            String label = labelOf(line);
            if (label != null) {
                values.put(label, line.substring(label.length() + 1).strip());
                lineOf.put(label, no);
                continue;
            }
            if (line.startsWith(TIME_PER_REQUEST_LABEL)) {
                String v = line.substring(TIME_PER_REQUEST_LABEL.length()).strip();
                if (v.endsWith("(mean, across all concurrent requests)")) {
                    timePerRequestAll = number(v, no);
                } else {
                    timePerRequest = number(v, no);
                }
                continue;
            }
            String t = line.strip();
            if (t.endsWith("kb/s sent") && line.startsWith(" ")) {
                sent = number(t, no);
                continue;
            }
            if (t.endsWith("kb/s total") && line.startsWith(" ")) {
                total = number(t, no);
                continue;
            }
            Matcher m = BREAKDOWN.matcher(line);
            if (m.matches()) {
                breakdown = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4))};
                continue;
            }
            if (t.startsWith("min") && t.contains("avg") && t.endsWith("max")) {
                confidence = false;
                continue;
            }
            int row = ROW_LABELS.indexOf(line.isEmpty() ? "" : line.split("\\s+", 2)[0]);
            if (row >= 0) {
                rows.put(ROWS.get(row), rowValues(line, ROW_LABELS.get(row), confidence, no));
                continue;
            }
            m = PERCENT.matcher(line);
            if (m.matches()) {
                percents.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                continue;
            }
            m = TOTAL_OF.matcher(line);
            if (m.find()) {
                totalOf = Long.parseLong(m.group(1));
            }
            m = BENCHMARKING.matcher(line);
            if (m.matches()) {
                host = m.group(1);
                continue;
            }
            if (line.startsWith("apr_") || line.startsWith("Test aborted") || line.endsWith("timed out!")
                    || line.startsWith("ab: ")) {
                errors.add(t);
            }
        }
        if (!values.containsKey("Complete requests")) {
            if (totalOf != null || !errors.isEmpty()) {
                String message = errors.isEmpty() ? "ab stopped early" : String.join("; ", errors);
                if (totalOf != null) {
                    message += " (total of " + totalOf + " requests completed)";
                    b.info(COMPLETE, totalOf, "requests");
                }
                if (host != null) {
                    b.detail("server_hostname", host);
                }
                return b.status(RunStatus.FAILED).message(message).build();
            }
            throw new NativeParseException("incomplete ab report: no 'Complete requests' line", firstLine);
        }
        String hostname = values.getOrDefault("Server Hostname", host);
        long port = longOf(values, lineOf, "Server Port");
        String path = values.getOrDefault("Document Path", "/");
        String docLength = values.get("Document Length");
        boolean variable = "Variable".equals(docLength);
        b.parameter("url", "http://" + (hostname != null && hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname)
                + (port == AbUrl.DEFAULT_PORT ? "" : ":" + port) + path);
        long concurrency = longOf(values, lineOf, "Concurrency Level");
        b.parameter("c", concurrency);
        b.parameter(CONCURRENCY, concurrency);
        b.parameter("k", values.containsKey("Keep-Alive requests"));
        b.parameter("l", variable);
        if (!errors.isEmpty()) {
            b.status(RunStatus.FAILED).message(String.join("; ", errors));
        }
        if (!variable) {
            b.info(DOCUMENT_LENGTH, longOf(values, lineOf, "Document Length"), "bytes");
        }
        double taken = doubleOf(values, lineOf, "Time taken for tests");
        long done = longOf(values, lineOf, "Complete requests");
        long bad = longOf(values, lineOf, "Failed requests");
        b.info(TIME_TAKEN, taken, "s");
        b.info(COMPLETE, done, "requests");
        b.lower(FAILED, bad, "requests");
        long[] bd = breakdown != null ? breakdown : new long[4];
        b.info(FAILED_CONNECT, bd[0], "requests");
        b.info(FAILED_RECEIVE, bd[1], "requests");
        b.info(FAILED_LENGTH, bd[2], "requests");
        b.info(FAILED_EXCEPTIONS, bd[3], "requests");
        b.info(WRITE_ERRORS, values.containsKey("Write errors") ? longOf(values, lineOf, "Write errors") : 0, "requests");
        b.info(NON_2XX, values.containsKey("Non-2xx responses") ? longOf(values, lineOf, "Non-2xx responses") : 0,
                "responses");
        if (values.containsKey("Keep-Alive requests")) {
            b.info(KEEP_ALIVE, longOf(values, lineOf, "Keep-Alive requests"), "requests");
        }
        b.info(TOTAL_TRANSFERRED, longOf(values, lineOf, "Total transferred"), "bytes");
        if (values.containsKey("Total body sent")) {
            b.info(TOTAL_BODY_SENT, longOf(values, lineOf, "Total body sent"), "bytes");
        }
        b.info(HTML_TRANSFERRED, longOf(values, lineOf, "HTML transferred"), "bytes");
        if (values.containsKey("Requests per second")) {
            b.higher(REQUESTS_PER_SECOND, doubleOf(values, lineOf, "Requests per second"), "requests/s");
            if (timePerRequest == null || timePerRequestAll == null) {
                throw new NativeParseException("'Time per request' lines missing", lineOf.get("Requests per second"));
            }
            b.lower(TIME_PER_REQUEST, Double.parseDouble(timePerRequest), "ms");
            b.lower(TIME_PER_REQUEST_ALL, Double.parseDouble(timePerRequestAll), "ms");
            b.higher(TRANSFER_RATE, doubleOf(values, lineOf, "Transfer rate"), "KiB/s");
            if (sent != null && total != null) {
                b.info(SENT_RATE, Double.parseDouble(sent), "KiB/s");
                b.info(TOTAL_RATE, Double.parseDouble(total), "KiB/s");
            }
        }
        if (rows.size() == ROWS.size()) {
            for (String row : ROWS) {
                double[] v = rows.get(row);
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
        } else if (!rows.isEmpty()) {
            throw new NativeParseException("incomplete Connection Times table", firstLine);
        }
        boolean allPercents = true;
        for (int p : ConnectionTimes.PERCENTS) {
            allPercents &= percents.containsKey(p);
        }
        if (allPercents) {
            for (int p : ConnectionTimes.PERCENTS) {
                b.info(served(p), percents.get(p), "ms");
            }
        }
        if (rows.containsKey("total")) {
            double[] tt = rows.get("total");
            Map<String, Double> pct = new LinkedHashMap<>();
            if (allPercents) {
                for (int p : new int[] {50, 90, 95, 99, 100}) {
                    pct.put(Integer.toString(p), (double) percents.get(p));
                }
            }
            b.latency(new LatencySummary(done, tt[0], tt[1], tt.length == 5 ? tt[4] : tt[2], tt[1] * done, 0, 0, pct, null));
        }
        b.detail("server_software", values.getOrDefault("Server Software", ""));
        b.detail("server_hostname", hostname);
        b.detail("server_port", port);
        b.detail("document_path", path);
        if (bad > 0) {
            b.error("connect", bd[0]).error("receive", bd[1]).error("length", bd[2]).error("exceptions", bd[3]);
        }
        return b.build();
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

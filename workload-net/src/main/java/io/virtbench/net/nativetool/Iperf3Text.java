package io.virtbench.net.nativetool;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads iperf3's human-readable output (without {@code -J}), of a client ("Connecting to host")
 * or a server ("Server listening on"), one test after another, into the same results as
 * {@link Iperf3Json}: workload {@value Iperf3Json#WORKLOAD}, test tcp/udp, parameters role,
 * protocol, parallel, reverse, time, and the metrics the end summary gives: the sender line's
 * rate is {@value Iperf3Json#SUM_SENT_MBPS}, the receiver line's {@value Iperf3Json#SUM_RECEIVED_MBPS};
 * UDP jitter and loss come from the receiver line. The text rounds rates to three significant
 * digits and does not name the UDP target bitrate or datagram size, so those parameters are absent.
 */
public final class Iperf3Text {
    private static final Pattern CLIENT = Pattern.compile("^Connecting to host (\\S+), port (\\d+)");
    private static final Pattern SERVER = Pattern.compile("^Accepted connection from (\\S+), port (\\d+)");
    private static final Pattern STREAM = Pattern.compile("^\\[\\s*(\\d+)\\] local .* connected to ");
    /** "[  5]   0.00-1.00   sec  1.16 GBytes  9.94 Gbits/sec    9    767 KBytes   (sender)". */
    private static final Pattern DATA = Pattern.compile(
            "^\\[\\s*(\\d+|SUM)\\]\\s+(\\d+\\.\\d+)-\\s*(\\d+\\.\\d+)\\s+sec\\s+([\\d.]+) (\\w?)Bytes\\s+([\\d.]+) (\\w?)bits/sec(.*)$");
    private static final Pattern UDP = Pattern.compile("^\\s+([\\d.]+) ms\\s+(\\d+)/(\\d+) \\(([-\\d.e+]+)%\\)");
    private static final Pattern RETR = Pattern.compile("^\\s+(\\d+)\\s+sender");

    private Iperf3Text() {
    }

    /** True if the text looks like iperf3's plain output of a client or server. */
    public static boolean looksLike(String head) {
        return (head.startsWith("Connecting to host ") || head.contains("\nConnecting to host ")
                || head.contains("Server listening on ")) && head.contains("[ ID] Interval");
    }

    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = text.split("\r?\n", -1);
        List<RunResult> out = new ArrayList<>();
        int startLine = -1;
        for (int i = 0; i < lines.length; i++) {
            if (CLIENT.matcher(lines[i]).find() || SERVER.matcher(lines[i]).find()) {
                if (startLine >= 0) {
                    out.add(test(source, lines, startLine, i, out.size() + 1));
                }
                startLine = i;
            }
        }
        if (startLine >= 0) {
            out.add(test(source, lines, startLine, lines.length, out.size() + 1));
        }
        if (out.isEmpty()) {
            throw new NativeParseException("no iperf3 test found (no 'Connecting to host' or 'Accepted connection from' line)", 1);
        }
        return out;
    }

    /** One test: lines [from, to). */
    private static RunResult test(String source, String[] lines, int from, int to, int repetition)
            throws NativeParseException {
        Map<String, Object> p = new LinkedHashMap<>();
        Matcher c = CLIENT.matcher(lines[from]);
        Matcher s = SERVER.matcher(lines[from]);
        if (c.find()) {
            p.put("role", "client");
            p.put("host", c.group(1));
            p.put("port", Long.parseLong(c.group(2)));
        } else if (s.find()) {
            p.put("role", "server");
            p.put("client", s.group(1));
        }
        boolean udp = false;
        boolean reverse = false;
        boolean summary = false;
        Set<String> streams = new LinkedHashSet<>();
        List<Object[]> intervals = new ArrayList<>();
        Map<String, Object[]> ends = new LinkedHashMap<>();
        String error = null;
        for (int i = from; i < to; i++) {
            String line = lines[i];
            if (line.startsWith("Reverse mode")) {
                reverse = true;
            } else if (line.startsWith("[ ID]") && line.contains("Jitter")) {
                udp = true;
            } else if (line.startsWith("- - - -")) {
                summary = true;
            } else if (line.startsWith("iperf3: error") || line.startsWith("iperf3: interrupt")) {
                error = line.substring("iperf3: ".length()).strip();
            }
            Matcher st = STREAM.matcher(line);
            if (st.find()) {
                streams.add(st.group(1));
                continue;
            }
            Matcher d = DATA.matcher(line);
            if (!d.find()) {
                continue;
            }
            Object[] row = row(d, line, source, i + 1);
            if (summary) {
                String kind = line.strip().endsWith("sender") ? "sender" : line.strip().endsWith("receiver") ? "receiver" : null;
                if (kind != null && (streams.size() <= 1 || "SUM".equals(d.group(1)))) {
                    ends.put(kind, row);
                }
            } else if (streams.size() <= 1 || "SUM".equals(d.group(1))) {
                intervals.add(row);
            }
        }
        p.put("protocol", udp ? "UDP" : "TCP");
        p.put("parallel", (long) Math.max(1, streams.size()));
        p.put("reverse", reverse);
        p.put("bidir", false);
        Object[] first = ends.isEmpty() ? null : ends.values().iterator().next();
        if (first != null) {
            p.put("time", Math.round((double) first[1]));
        }
        RunResult.Builder b = RunResult.builder(Iperf3Json.WORKLOAD).test(udp ? "udp" : "tcp").tool("iperf3")
                .repetition(repetition).source(source + ":" + (from + 1)).parameters(p);
        metrics(b, ends, udp);
        for (Object[] in : intervals) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(Iperf3Json.MBPS, (double) in[2]);
            b.interval(new Interval((double) in[1], (double) in[1] - (double) in[0], v));
        }
        if (error != null) {
            b.status(error.startsWith("interrupt") ? RunStatus.INTERRUPTED : RunStatus.FAILED).message(error);
        } else if (ends.isEmpty()) {
            b.status(RunStatus.FAILED).message("the test has no end summary");
        }
        return b.build();
    }

    private static void metrics(RunResult.Builder b, Map<String, Object[]> ends, boolean udp) {
        Object[] sender = ends.get("sender");
        Object[] receiver = ends.get("receiver");
        if (sender != null) {
            b.higher(Iperf3Json.SUM_SENT_MBPS, (double) sender[2], "Mbit/s");
        }
        if (receiver != null) {
            b.higher(Iperf3Json.SUM_RECEIVED_MBPS, (double) receiver[2], "Mbit/s");
        }
        if (!udp && sender != null && sender[3] != null) {
            b.lower(Iperf3Json.RETRANSMITS, (double) sender[3], "segments");
        }
        Object[] u = receiver != null && receiver[4] != null ? receiver : sender != null && sender[4] != null ? sender : null;
        if (udp && u != null) {
            double[] x = (double[]) u[4];
            b.lower(Iperf3Json.JITTER_MS, x[0], "ms");
            b.lower(Iperf3Json.LOST_PERCENT, x[3], "%");
            b.info(Iperf3Json.LOST_PACKETS, x[1], "datagrams");
            b.info(Iperf3Json.PACKETS, x[2], "datagrams");
        }
    }

    /** {start, end, Mbit/s, retransmits or null, {jitter, lost, total, lost %} or null}. */
    private static Object[] row(Matcher d, String line, String source, int lineNo) throws NativeParseException {
        try {
            double start = Double.parseDouble(d.group(2));
            double end = Double.parseDouble(d.group(3));
            double mbps = Double.parseDouble(d.group(6)) * bitScale(d.group(7)) / 1e6;
            String rest = d.group(8);
            Matcher r = RETR.matcher(rest);
            Double retr = r.find() ? Double.parseDouble(r.group(1)) : null;
            Matcher u = UDP.matcher(rest);
            double[] udp = u.find() ? new double[] {Double.parseDouble(u.group(1)), Double.parseDouble(u.group(2)),
                    Double.parseDouble(u.group(3)), Double.parseDouble(u.group(4))} : null;
            return new Object[] {start, end, mbps, retr, udp};
        } catch (NumberFormatException e) {
            throw new NativeParseException("'" + line.strip() + "' is not an iperf3 report line", lineNo);
        }
    }

    private static double bitScale(String prefix) throws NumberFormatException {
        return switch (prefix.toUpperCase(Locale.ROOT)) {
            case "" -> 1;
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> throw new NumberFormatException(prefix);
        };
    }
}

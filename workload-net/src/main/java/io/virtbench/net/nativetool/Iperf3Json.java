package io.virtbench.net.nativetool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads iperf3's {@code -J} output into virtbench's result model: one object per test, a JSON
 * array of objects (how the study's client logs were collected), or objects one after another
 * (a server's log), as iperf3 3.9 (UDP: only {@code end.sum}) and 3.11+ (UDP: also
 * {@code end.sum_sent} / {@code end.sum_received}; bidir: {@code *_bidir_reverse}) write them.
 * virtbench's own client builds the same document and is read by this same code.
 *
 * <p>Metrics (all from {@code end}):
 * <ul>
 *   <li>{@value #SUM_SENT_MBPS}, {@value #SUM_RECEIVED_MBPS}: {@code sum_sent} and
 *       {@code sum_received.bits_per_second / 1e6} (UDP 3.9: {@code sum} for the sent rate, no
 *       received rate). The study's "network sent" figure is the client's
 *       {@value #SUM_RECEIVED_MBPS}, its "network received" the client's {@value #SUM_SENT_MBPS}.
 *   <li>UDP: {@value #JITTER_MS}, {@value #LOST_PERCENT}, {@value #LOST_PACKETS}, {@value #PACKETS}
 *       from {@code sum}, {@value #OUT_OF_ORDER} summed over {@code streams[].udp}.
 *   <li>TCP: {@value #RETRANSMITS} from {@code sum_sent} when the sender reported it.
 *   <li>{@value #HOST_CPU}, {@value #REMOTE_CPU}: {@code cpu_utilization_percent} totals.
 * </ul>
 * An object with an {@code "error"} is a failed run (interrupted if the error begins with
 * "interrupt"), kept with whatever it measured.
 */
public final class Iperf3Json {
    public static final String WORKLOAD = "net";
    public static final String SUM_SENT_MBPS = "sum_sent_mbit_per_second";
    public static final String SUM_RECEIVED_MBPS = "sum_received_mbit_per_second";
    public static final String SUM_SENT_REVERSE_MBPS = "sum_sent_bidir_reverse_mbit_per_second";
    public static final String SUM_RECEIVED_REVERSE_MBPS = "sum_received_bidir_reverse_mbit_per_second";
    public static final String RETRANSMITS = "retransmits";
    public static final String JITTER_MS = "jitter_ms";
    public static final String LOST_PERCENT = "lost_percent";
    public static final String LOST_PACKETS = "lost_packets";
    public static final String PACKETS = "packets";
    public static final String OUT_OF_ORDER = "out_of_order";
    public static final String HOST_CPU = "host_cpu_percent";
    public static final String REMOTE_CPU = "remote_cpu_percent";
    /** Interval values. */
    public static final String MBPS = "mbit_per_second";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Iperf3Json() {
    }

    /**
     * Every test in an iperf3 -J log; {@code source} names it in the results, each result's
     * source being {@code source:line} of its object's opening brace. A syntax error, or an
     * object that is not an iperf3 test, is a {@link NativeParseException} with its line.
     */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        List<JsonNode> tests = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == null) {
                            throw new NativeParseException("not iperf3 JSON: the array is not closed", lineOf(p));
                        }
                        lines.add(lineOf(p));
                        tests.add(MAPPER.readTree(p));
                    }
                } else {
                    lines.add(lineOf(p));
                    tests.add(MAPPER.readTree(p));
                }
            }
        } catch (JsonProcessingException e) {
            throw new NativeParseException("not iperf3 JSON: " + e.getOriginalMessage(),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new NativeParseException("not iperf3 JSON: " + e.getMessage(), 0);
        } catch (RuntimeException e) {
            throw new NativeParseException("not iperf3 JSON: " + e.getMessage(), 0);
        }
        if (tests.isEmpty()) {
            throw new NativeParseException("no iperf3 JSON object found", 1);
        }
        List<RunResult> out = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            int line = lines.get(i);
            try {
                out.add(parse(tests.get(i), source + ":" + line, i + 1));
            } catch (NativeParseException e) {
                throw new NativeParseException(e.getMessage(), e.line() > 0 ? e.line() : line);
            }
        }
        return out;
    }

    private static int lineOf(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /** One test's JSON document. */
    public static RunResult parse(JsonNode doc, String source, int repetition) throws NativeParseException {
        if (!doc.isObject() || !doc.has("start") || !doc.has("end")) {
            throw new NativeParseException("not an iperf3 -J test object (no \"start\" and \"end\")", 0);
        }
        JsonNode start = doc.path("start");
        JsonNode end = doc.path("end");
        JsonNode ts = start.path("test_start");
        String protocol = ts.path("protocol").asText("");
        boolean udp = "UDP".equals(protocol) || end.has("sum") && end.path("sum").has("jitter_ms");
        String version = start.path("version").asText("");
        RunResult.Builder b = RunResult.builder(WORKLOAD)
                .test(protocol.isEmpty() ? null : protocol.toLowerCase(java.util.Locale.ROOT))
                .repetition(repetition)
                .source(source);
        if (version.startsWith("iperf ")) {
            b.tool("iperf3").toolVersion(version.substring("iperf ".length()));
        } else if (version.startsWith("virtbench")) {
            b.tool("virtbench").toolVersion(version);
        } else {
            b.tool("iperf3").toolVersion(version.isEmpty() ? null : version);
        }
        JsonNode timesecs = start.path("timestamp").path("timesecs");
        if (timesecs.isNumber()) {
            Instant t0 = Instant.ofEpochSecond(timesecs.asLong());
            b.start(t0);
            if (ts.path("duration").isNumber()) {
                b.end(t0.plusSeconds(ts.path("duration").asLong() + ts.path("omit").asLong(0)));
            }
        }
        boolean bidir = parameters(b, start, end, ts, protocol);

        summary(b, end, udp);
        if (bidir) {
            rate(b, SUM_SENT_REVERSE_MBPS, end.path("sum_sent_bidir_reverse"));
            rate(b, SUM_RECEIVED_REVERSE_MBPS, end.path("sum_received_bidir_reverse"));
        }
        JsonNode cpu = end.path("cpu_utilization_percent");
        if (cpu.isObject()) {
            b.info(HOST_CPU, cpu.path("host_total").asDouble(), "%");
            b.info(REMOTE_CPU, cpu.path("remote_total").asDouble(), "%");
        }
        intervals(b, doc);
        if (doc.has("error")) {
            String err = doc.path("error").asText();
            b.status(err.startsWith("interrupt") ? RunStatus.INTERRUPTED : RunStatus.FAILED).message(err);
        } else if (!end.has("sum_sent") && !end.has("sum")) {
            b.status(RunStatus.FAILED).message("the test has no end summary");
        }
        if (doc.has("title")) {
            b.detail("title", doc.path("title").asText());
        }
        if (start.has("system_info")) {
            b.detail("system_info", start.path("system_info").asText());
        }
        return b.build();
    }

    /** The test's parameters as the document's start section gives them, and whether it ran both ways. */
    private static boolean parameters(RunResult.Builder b, JsonNode start, JsonNode end, JsonNode ts, String protocol) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (start.has("connecting_to")) {
            p.put("role", "client");
            p.put("host", start.path("connecting_to").path("host").asText());
            p.put("port", start.path("connecting_to").path("port").asLong());
        } else if (start.has("accepted_connection")) {
            p.put("role", "server");
            p.put("client", start.path("accepted_connection").path("host").asText());
        }
        if (!ts.isMissingNode()) {
            p.put("protocol", protocol);
            p.put("parallel", ts.path("num_streams").asLong());
            p.put("length", ts.path("blksize").asLong());
            p.put("omit", ts.path("omit").asLong());
            p.put("time", ts.path("duration").asLong());
            p.put("bytes", ts.path("bytes").asLong());
            p.put("blocks", ts.path("blocks").asLong());
            p.put("reverse", ts.path("reverse").asLong() != 0);
            if (ts.has("target_bitrate")) {
                p.put("bitrate", ts.path("target_bitrate").asLong());
            } else if (start.has("target_bitrate")) {
                p.put("bitrate", start.path("target_bitrate").asLong());
            }
        }
        boolean bidir = end.has("sum_sent_bidir_reverse") || end.has("sum_received_bidir_reverse")
                || ts.path("bidir").asLong(0) != 0;
        p.put("bidir", bidir);
        b.parameters(p);
        return bidir;
    }

    /** The end summary's figures: rates, and jitter and loss (UDP) or retransmits (TCP). */
    private static void summary(RunResult.Builder b, JsonNode end, boolean udp) {
        if (udp) {
            JsonNode sum = end.path("sum");
            JsonNode sent = end.has("sum_sent") ? end.path("sum_sent") : sum;
            rate(b, SUM_SENT_MBPS, sent);
            if (end.has("sum_received")) {
                rate(b, SUM_RECEIVED_MBPS, end.path("sum_received"));
            }
            if (sum.has("jitter_ms")) {
                b.lower(JITTER_MS, sum.path("jitter_ms").asDouble(), "ms");
                b.lower(LOST_PERCENT, sum.path("lost_percent").asDouble(), "%");
                b.info(LOST_PACKETS, sum.path("lost_packets").asDouble(), "datagrams");
                b.info(PACKETS, sum.path("packets").asDouble(), "datagrams");
            }
            long ooo = 0;
            boolean any = false;
            for (JsonNode s : end.path("streams")) {
                if (s.path("udp").has("out_of_order")) {
                    ooo += s.path("udp").path("out_of_order").asLong();
                    any = true;
                }
            }
            if (any) {
                b.info(OUT_OF_ORDER, ooo, "datagrams");
            }
        } else {
            rate(b, SUM_SENT_MBPS, end.path("sum_sent"));
            rate(b, SUM_RECEIVED_MBPS, end.path("sum_received"));
            if (end.path("sum_sent").has("retransmits")) {
                b.lower(RETRANSMITS, end.path("sum_sent").path("retransmits").asDouble(), "segments");
            }
        }
    }

    /** The sums of every interval. */
    private static void intervals(RunResult.Builder b, JsonNode doc) {
        for (JsonNode in : doc.path("intervals")) {
            JsonNode sum = in.path("sum");
            if (!sum.isObject()) {
                continue;
            }
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(MBPS, sum.path("bits_per_second").asDouble() / 1e6);
            if (sum.has("jitter_ms")) {
                v.put(JITTER_MS, sum.path("jitter_ms").asDouble());
                v.put(LOST_PERCENT, sum.path("lost_percent").asDouble());
            }
            if (sum.has("retransmits")) {
                v.put(RETRANSMITS, sum.path("retransmits").asDouble());
            }
            if (sum.path("omitted").asBoolean(false)) {
                v.put("omitted", 1.0);
            }
            b.interval(new Interval(sum.path("end").asDouble(), sum.path("seconds").asDouble(), v));
        }
    }

    private static void rate(RunResult.Builder b, String name, JsonNode sum) {
        if (sum.isObject() && sum.has("bits_per_second")) {
            b.higher(name, sum.path("bits_per_second").asDouble() / 1e6, "Mbit/s");
        }
    }
}

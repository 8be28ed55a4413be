package io.virtbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.nativetool.Iperf3Native;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.server.ServerOptions;
import io.virtbench.net.session.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtbench's client against virtbench's server on the loopback: results, layouts, stop. */
class NetBenchmarkTest {
    @TempDir
    Path tmp;

    private static Output textOutput(Net.Capture out, Net.Capture err, StopSignal stop) {
        return new Output(OutputFormat.TEXT, out.stream, err.stream, null, "test", stop);
    }

    @Test
    void tcpResultHasIperf3sFiguresAndReadsBackFromItsFile() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            Net.Capture out = new Net.Capture();
            Net.Capture err = new Net.Capture();
            RunResult r = NetBenchmark.run(Net.client(s.port(), 2, false, false, false, 2), textOutput(out, err, StopSignal.never()), 1);
            assertEquals(RunStatus.COMPLETE, r.status(), r.message());
            assertEquals("net", r.workload());
            assertEquals("tcp", r.test());
            assertEquals("virtbench", r.tool());
            assertTrue(r.value(Iperf3Json.SUM_SENT_MBPS) > 0);
            assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
            assertEquals(2, r.intervals().size());
            assertEquals(String.join(" ", List.of("iperf3", "-c", "127.0.0.1", "-p", Integer.toString(s.port()), "-t", "2", "-P", "2")),
                    r.nativeCommand());
            Path f = ResultFiles.write(tmp, r.withHost(null));
            assertEquals(r.withHost(null), ResultFiles.read(f));
            String text = out.text();
            assertTrue(text.startsWith("Connecting to host 127.0.0.1, port " + s.port() + "\n"), text);
            assertTrue(text.matches("(?s).*\\[SUM\\]   0\\.00-2\\.\\d\\d   sec .* sender\n\\[SUM\\]   0\\.00-2\\.\\d\\d   sec .* receiver\n\niperf Done\\.\n"),
                    text);
            assertTrue(text.contains("- - - - - - - - - - - - - - - - - - - - - - - - -\n"));
            assertEquals("", err.text());
            String server = s.out.text();
            assertTrue(server.contains("Server listening on " + s.port() + " (test #1)"), server);
            assertTrue(server.contains("[SUM]   0.00-2."), server);
        }
    }

    @Test
    void udpJsonIsShapedLikeIperf312s() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            Net.JavaRun r = Net.javaClient(Net.client(s.port(), 1, true, false, false, 1).withJson(true));
            assertNull(r.outcome().error());
            JsonNode doc = CJson.parse(r.out());
            assertEquals(List.of("start", "intervals", "end"), iterable(doc.fieldNames()));
            JsonNode start = doc.get("start");
            assertEquals(List.of("connected", "version", "system_info", "timestamp", "connecting_to", "cookie", "target_bitrate",
                    "sock_bufsize", "sndbuf_actual", "rcvbuf_actual", "test_start"), iterable(start.fieldNames()));
            assertEquals("UDP", start.get("test_start").get("protocol").asText());
            JsonNode end = doc.get("end");
            assertEquals(List.of("streams", "sum", "sum_sent", "sum_received", "cpu_utilization_percent"), iterable(end.fieldNames()));
            for (String k : List.of("jitter_ms", "lost_packets", "packets", "lost_percent")) {
                assertTrue(end.get("sum").has(k), k);
                assertTrue(end.get("sum_received").has(k), k);
            }
            assertTrue(end.get("streams").get(0).get("udp").has("out_of_order"));
            assertEquals(List.of("host_total", "host_user", "host_system", "remote_total", "remote_user", "remote_system"),
                    iterable(end.get("cpu_utilization_percent").fieldNames()));
            assertTrue(end.get("sum_received").get("packets").asLong() >= 3);
            // tab-indented like cJSON, ending in one newline
            assertTrue(r.out().startsWith("{\n\t\"start\":\t{\n\t\t\"connected\":\t[{\n"), r.out());
            assertTrue(r.out().endsWith("\n}\n"));
        }
    }

    @Test
    void tcpJsonWithRetransmitInfoAndBidirNames() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            JsonNode doc = CJson.parse(Net.javaClient(Net.client(s.port(), 1, false, false, true, 1).withJson(true)).out());
            JsonNode end = doc.get("end");
            for (String k : List.of("sum_sent", "sum_received", "sum_sent_bidir_reverse", "sum_received_bidir_reverse",
                    "cpu_utilization_percent")) {
                assertTrue(end.has(k), k + " in " + iterable(end.fieldNames()));
            }
            JsonNode interval = doc.get("intervals").get(0);
            assertTrue(interval.has("sum") && interval.has("sum_bidir_reverse"));
            if (Transport.EPOLL) {
                JsonNode sender = end.get("streams").get(0).get("sender");
                for (String k : List.of("retransmits", "max_snd_cwnd", "max_rtt", "min_rtt", "mean_rtt")) {
                    assertTrue(sender.has(k), k);
                }
                assertTrue(interval.get("streams").get(0).get("snd_cwnd").asLong() > 0);
            }
        }
    }

    @Test
    void reverseUdpWithParallelStreamsNumbersThemLikeIperf3() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            Net.JavaRun r = Net.javaClient(Net.client(s.port(), 1, true, true, false, 3));
            assertNull(r.outcome().error(), r.outcome().error());
            RunResult res = r.result();
            Net.assertUdpAccounting(r.json());
            assertTrue(r.out().contains("Reverse mode, remote host 127.0.0.1 is sending"));
            assertEquals(3, r.json().get("end").get("streams").size());
        }
    }

    @Test
    void bytesAndBlockLimitsEndTheTest() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            ClientOptions n = ClientOptions.builder(Net.LOOPBACK).port(s.port()).bytes(64L << 20).build();
            Net.JavaRun r = Net.javaClient(n);
            assertNull(r.outcome().error());
            long sent = r.json().get("end").get("sum_sent").get("bytes").asLong();
            assertTrue(sent >= 64L << 20 && sent < (64L << 20) + 20 * 131072, "stopped at -n: " + sent);
            ClientOptions k = ClientOptions.builder(Net.LOOPBACK).port(s.port()).udp(true).blocks(5).bitrate(10_000_000)
                    .length(1000).build();
            Net.JavaRun u = Net.javaClient(k);
            assertNull(u.outcome().error());
            assertEquals(5, u.json().get("end").get("sum_sent").get("packets").asLong());
        }
    }

    @Test
    void omitPeriodIsMarkedAndNotCounted() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            ClientOptions o = ClientOptions.builder(Net.LOOPBACK).port(s.port()).time(1).interval(0.5).omit(1).build();
            Net.JavaRun r = Net.javaClient(o);
            assertNull(r.outcome().error());
            assertTrue(r.out().contains("(omitted)"), r.out());
            JsonNode intervals = r.json().get("intervals");
            assertTrue(intervals.get(0).get("sum").get("omitted").asBoolean());
            assertFalse(intervals.get(intervals.size() - 1).get("sum").get("omitted").asBoolean());
            // the stats tick due with the end of -O closes the last omitted interval first, as
            // iperf3's timers run: two omitted half seconds here, and the server's omitted second
            int omitted = 0;
            for (JsonNode in : intervals) {
                omitted += in.get("sum").get("omitted").asBoolean() ? 1 : 0;
            }
            assertEquals(2, omitted, r.out());
            String server = s.out.text();
            assertEquals(1, server.split("\\(omitted\\)", -1).length - 1, server);
            // iperf_time_diff is absolute: the first measured interval starts before the reset start
            // time, and iperf3 prints that start without a sign
            for (JsonNode in : intervals) {
                assertTrue(in.get("sum").get("start").asDouble() >= 0, in.toString());
            }
            assertFalse(r.out().contains(" -0."), r.out());
            double seconds = r.json().get("end").get("sum_sent").get("seconds").asDouble();
            // 1 s measured; with the omitted second counted it would be 2 s. A loaded machine can
            // fire the end timer late, so only the lower side is tight.
            assertTrue(seconds > 0.9 && seconds < 1.8, "the summary covers the measured second only: " + seconds + "\n" + r.out());
        }
    }

    @Test
    void ctrlCKeepsWhatWasMeasured() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            StopSignal stop = new StopSignal();
            ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
            try {
                ex.schedule(stop::request, 1500, TimeUnit.MILLISECONDS);
                Net.Capture out = new Net.Capture();
                Net.Capture err = new Net.Capture();
                RunResult r = NetBenchmark.run(Net.client(s.port(), 30, false, false, false, 1), textOutput(out, err, stop), 1);
                assertEquals(RunStatus.INTERRUPTED, r.status());
                assertTrue(r.value(Iperf3Json.SUM_SENT_MBPS) > 0, "the partial summary is kept");
                assertTrue(out.text().contains("sender"), out.text());
            } finally {
                ex.shutdownNow();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!s.err.text().contains("the client has terminated") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.err.text().contains("the client has terminated"), "CLIENT_TERMINATE reached the server: " + s.err.text());
        }
    }

    @Test
    void failuresBeforeAnyMeasurementAreOneLineErrors() {
        int port = Iperf3Native.freePort();
        Net.Capture out = new Net.Capture();
        Net.Capture err = new Net.Capture();
        UserException e = assertThrows(UserException.class,
                () -> NetBenchmark.run(Net.client(port, 1, false, false, false, 1), textOutput(out, err, StopSignal.never()), 1));
        assertEquals("unable to connect to server: Connection refused", e.getMessage());
        Output json = new Output(OutputFormat.JSON, out.stream, err.stream, null, null, StopSignal.never());
        UserException u = assertThrows(UserException.class,
                () -> NetBenchmark.run(Net.client(port, 1, false, false, false, 1).withJson(true), json, 1));
        assertEquals(UserException.USAGE, u.exitCode());
    }

    @Test
    void serverJsonModePrintsOneDocumentPerTest() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer(ServerOptions.defaults().withJson(true))) {
            assertNull(Net.javaClient(Net.client(s.port(), 1, false, false, false, 1)).outcome().error());
            assertNull(Net.javaClient(Net.client(s.port(), 1, true, false, false, 1)).outcome().error());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.server.testsServed() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<RunResult> runs = Iperf3Json.parse("server", s.out.text());
            assertEquals(2, runs.size());
            assertEquals("server", runs.get(0).parameters().get("role"));
            assertTrue(runs.get(0).value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
            assertEquals("udp", runs.get(1).test());
            assertTrue(runs.get(1).value(Iperf3Json.PACKETS) >= 3);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    @Test
    void resultFileNamesTheEquivalentCommand(@TempDir Path dir) throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            Output o = new Output(OutputFormat.JSON, new Net.Capture().stream, new Net.Capture().stream, dir, "metal",
                    StopSignal.never());
            var outcome = io.virtbench.core.output.Repetitions.run(o, 2, 0,
                    rep -> NetBenchmark.run(Net.client(s.port(), 1, true, false, false, 1), o, rep));
            assertEquals(0, outcome.exitCode());
            assertEquals(2, outcome.results().size());
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count());
            }
            assertTrue(outcome.summary() != null);
        }
    }
}

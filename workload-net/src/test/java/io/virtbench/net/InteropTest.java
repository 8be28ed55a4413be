package io.virtbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.nativetool.Iperf3Native;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.session.UdpCountingTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with the real iperf3 (3.12 here, the Debian package), both ways, on the
 * loopback: virtbench's client against {@code iperf3 -s}, and {@code iperf3 -c} against
 * virtbench's server, for TCP, UDP, -R, -P 4 and --bidir.
 */
class InteropTest {

    @BeforeAll
    static void iperf3() {
        NativeTools.assumeInstalled("iperf3");
    }

    // ------------------------------------------------------------ virtbench client -> iperf3 -s

    private static Net.JavaRun againstNative(ClientOptions o) throws Exception {
        try (Iperf3Native.Server s = Iperf3Native.startServer(Iperf3Native.freePort(), Net.LOOPBACK, true, List.of())) {
            Net.JavaRun r = Net.javaClient(o.withPort(s.port()));
            assertTrue(s.awaitExit(10, TimeUnit.SECONDS), "iperf3 -s -1 finished its test:\n" + s.output());
            assertNull(r.outcome().error(), () -> r.outcome().error() + "\n" + r.out() + "\nserver:\n" + s.output());
            String server = s.output();
            assertTrue(server.contains("Accepted connection from 127.0.0.1"), server);
            assertTrue(!server.contains("error"), server);
            return r;
        }
    }

    @Test
    void javaClientTcpAgainstIperf3() throws Exception {
        Net.JavaRun r = againstNative(Net.client(0, 1, false, false, false, 1));
        RunResult res = r.result();
        assertEquals(RunStatus.COMPLETE, res.status());
        assertTrue(res.value(Iperf3Json.SUM_SENT_MBPS) > 0, "sent: " + res.value(Iperf3Json.SUM_SENT_MBPS));
        double received = res.value(Iperf3Json.SUM_RECEIVED_MBPS);
        assertTrue(received > 10, "the server's receiver figure came back in its results: " + received);
        JsonNode end = r.json().get("end");
        assertEquals(1, end.get("streams").size());
        assertTrue(end.get("streams").get(0).get("receiver").get("bytes").asLong()
                <= end.get("streams").get(0).get("sender").get("bytes").asLong());
        assertTrue(r.out().contains("Connecting to host 127.0.0.1, port "), r.out());
        assertTrue(r.out().matches("(?s).*\\[ *\\d+\\] +0\\.00-1\\.\\d\\d +sec .* sender\n.* receiver\n\niperf Done\\.\n"), r.out());
    }

    @Test
    void javaClientUdpAgainstIperf3() throws Exception {
        Net.JavaRun r = againstNative(Net.client(0, 1, true, false, false, 1));
        RunResult res = r.result();
        assertEquals(RunStatus.COMPLETE, res.status());
        JsonNode end = r.json().get("end");
        assertTrue(end.get("sum_received").get("packets").asLong() > 0, "the native receiver counted our datagrams");
        Net.assertUdpAccounting(r.json());
        assertTrue(res.value(Iperf3Json.JITTER_MS) >= 0);
        // the default UDP rate is 1048576 bit/s: the sender's throttle never lets it run ahead by more than a
        // datagram (a late sender catches up, which a busy machine may keep it from doing: no lower bound)
        assertTrue(res.value(Iperf3Json.SUM_SENT_MBPS) > 0, r.out());
        assertTrue(end.get("sum_sent").get("bytes").asDouble()
                <= 1048576 / 8.0 * end.get("sum_sent").get("seconds").asDouble() + 2 * 32768, end.toString());
        assertEquals(1048576, r.json().get("start").get("test_start").get("target_bitrate").asLong());
    }

    @Test
    void javaClientReverseParallelAgainstIperf3() throws Exception {
        Net.JavaRun r = againstNative(Net.client(0, 1, false, true, false, 4));
        JsonNode end = r.json().get("end");
        assertEquals(4, end.get("streams").size());
        assertTrue(r.out().contains("Reverse mode, remote host 127.0.0.1 is sending"));
        assertTrue(r.result().value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
        assertTrue(r.result().metric(Iperf3Json.RETRANSMITS).isPresent(), "the sending iperf3 reports retransmits");
        List<Integer> ids = List.of(1, 3, 4, 5);
        assertEquals(4, r.json().get("start").get("connected").size());
        assertEquals(ids.size(), 4);
    }

    @Test
    void javaClientBidirAgainstIperf3() throws Exception {
        Net.JavaRun r = againstNative(Net.client(0, 1, false, false, true, 1));
        JsonNode end = r.json().get("end");
        assertTrue(end.get("sum_received").get("bytes").asLong() > 0);
        assertTrue(end.get("sum_received_bidir_reverse").get("bytes").asLong() > 0, "the server's direction");
        assertTrue(r.out().contains("[TX-C]") && r.out().contains("[RX-C]"), r.out());
    }

    @Test
    void javaClientUdpReverseAgainstIperf3() throws Exception {
        Net.JavaRun r = againstNative(Net.client(0, 1, true, true, false, 2));
        Net.assertUdpAccounting(r.json());
    }

    /**
     * -k/-n in UDP -R against iperf3 -s: the parameters carry the limit (iperf3 -V prints it), the
     * server sends until the client ends the test (3.12's paced sender does not stop at the limit),
     * and the client, as iperf3's, counts exactly the limit: 500 datagrams, and for -n 700001 the
     * 501st that reaches it.
     */
    @Test
    void javaClientUdpReverseEndingByBlocksOrBytesAgainstIperf3() throws Exception {
        for (long[] limit : new long[][] {{0, 500, 500}, {700_001, 0, 501}}) {
            try (Iperf3Native.Server s = Iperf3Native.startServer(Iperf3Native.freePort(), Net.LOOPBACK, true, List.of("-V"))) {
                JsonNode doc = UdpCountingTest.limited(s.port(), limit[0], limit[1]);
                assertTrue(s.awaitExit(10, TimeUnit.SECONDS), "iperf3 -s -1 finished its test:\n" + s.output());
                String said = limit[1] != 0 ? "500 blocks to send" : "700001 bytes to send";
                assertTrue(s.output().contains("1400 byte blocks, omitting 0 seconds, " + said), s.output());
                JsonNode end = doc.get("end");
                assertEquals(limit[2] * 1400, end.get("sum_received").get("bytes").asLong(), end.toString());
                assertTrue(end.get("sum_sent").get("packets").asLong() >= limit[2], end.toString());
            }
        }
    }

    @Test
    void javaClientGetsIperf3sServerOutput() throws Exception {
        ClientOptions o = ClientOptions.builder(Net.LOOPBACK).udp(true).time(1).getServerOutput(true).build();
        Net.JavaRun r = againstNative(o);
        assertTrue(r.out().contains("\nServer output:\nAccepted connection from 127.0.0.1"), r.out());
        assertTrue(r.out().contains("receiver\n"), r.out());
    }

    // ------------------------------------------------------------ iperf3 -c -> virtbench server

    private static RunResult nativeAgainstJava(String... args) throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            NativeTool.Result r = Net.nativeClient(s.port(), args);
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            RunResult res = Net.parseNative(r);
            assertEquals(RunStatus.COMPLETE, res.status(), () -> res.message() + "\nserver:\n" + s.out.text() + s.err.text());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.server.testsServed() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, s.server.testsServed(), () -> "server:\n" + s.out.text() + s.err.text());
            assertTrue(s.out.text().contains("Accepted connection from 127.0.0.1"), s.out.text());
            assertEquals("", s.err.text());
            return res;
        }
    }

    @Test
    void iperf3TcpAgainstJavaServer() throws Exception {
        RunResult r = nativeAgainstJava("-t", "1");
        assertTrue(r.value(Iperf3Json.SUM_SENT_MBPS) > 0);
        assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0, "our receiver's bytes reached iperf3");
        assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) <= r.value(Iperf3Json.SUM_SENT_MBPS) * 1.05);
    }

    @Test
    void iperf3UdpAgainstJavaServer() throws Exception {
        RunResult r = nativeAgainstJava("-t", "1", "-u");
        assertTrue(r.value(Iperf3Json.PACKETS) > 0);
        assertTrue(r.value(Iperf3Json.JITTER_MS) >= 0);
    }

    @Test
    void iperf3ReverseParallelAgainstJavaServer() throws Exception {
        RunResult r = nativeAgainstJava("-t", "1", "-R", "-P", "4");
        assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0, "our four senders' data reached iperf3");
        assertTrue(r.metric(Iperf3Json.RETRANSMITS).isPresent(), "virtbench's sender reports TCP_INFO retransmits");
    }

    @Test
    void iperf3BidirAgainstJavaServer() throws Exception {
        RunResult r = nativeAgainstJava("-t", "1", "--bidir");
        assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
        assertTrue(r.value(Iperf3Json.SUM_RECEIVED_REVERSE_MBPS) > 0);
    }

    @Test
    void iperf3UdpReverseParallelAndBidirAgainstJavaServer() throws Exception {
        RunResult r = nativeAgainstJava("-t", "1", "-u", "-R", "-P", "2", "--udp-counters-64bit");
        assertTrue(r.value(Iperf3Json.PACKETS) > 0);
        RunResult b = nativeAgainstJava("-t", "1", "-u", "--bidir");
        assertTrue(b.value(Iperf3Json.SUM_RECEIVED_REVERSE_MBPS) > 0);
    }

    /**
     * iperf3 -c -u -R -k/-n against virtbench's server: the server sends until iperf3 ends the
     * test, and iperf3 ends it when it has received the limit (a server stopping at the limit would
     * leave it waiting whenever a datagram was lost).
     */
    @Test
    void iperf3UdpReverseEndingByBlocksOrBytesAgainstJavaServer() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            for (String[] limit : new String[][] {{"-k", "500", "500"}, {"-n", "700001", "501"}}) {
                NativeTool.Result r = Net.nativeClient(s.port(), "-u", "-R", limit[0], limit[1], "-b", "200M", "-l", "1400");
                assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
                JsonNode end = CJson.parse(r.stdout()).get("end");
                long datagrams = Long.parseLong(limit[2]);
                assertEquals(datagrams * 1400, end.get("sum_received").get("bytes").asLong(), end.toString());
                assertTrue(end.get("sum_sent").get("packets").asLong() >= datagrams, "virtbench's server sent: " + end);
            }
        }
    }

    @Test
    void getServerOutputCarriesTheJavaServersText() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            NativeTool.Result r = NativeTool.run(List.of("iperf3", "-c", Net.LOOPBACK, "-p", Integer.toString(s.port()), "-t", "1",
                    "--get-server-output"), null, java.time.Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains("\nServer output:\n"), r.stdout());
            assertTrue(r.stdout().contains("Accepted connection from 127.0.0.1"), r.stdout());
            assertTrue(r.stdout().contains("receiver"), r.stdout());
        }
    }
}

package io.virtbench.net.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** virtbench's ping-pong client against virtbench's latency server on the loopback, real sockets. */
class PingPongTest {
    static final String LOOPBACK = "127.0.0.1";

    static LatencyOptions options(int port, boolean tcp, int msgSize) {
        return new LatencyOptions(LOOPBACK, port, tcp, 0.5, msgSize, 0, false, 0.1);
    }

    static RunResult run(LatencyOptions o, ByteArrayOutputStream text) throws Exception {
        PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8);
        return PingPong.run(o, Output.text(p, p), 1);
    }

    /** The figures of a finished run hang together: counts match, percentiles ordered, within min..max. */
    static void assertValid(RunResult r) {
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        long n = (long) r.value("messages_received");
        assertTrue(n > 100, "round trips: " + n);
        assertEquals(n, r.latency().count(), "one latency per round trip");
        double rate = r.value(LatencyMetrics.ROUND_TRIPS_PER_SECOND);
        assertEquals(n / r.value("total_time_seconds"), rate, 1e-6);
        double min = r.latency().minMs() * 1000 / 2;
        double p50 = r.value("latency_p50_us");
        double p90 = r.value("latency_p90_us");
        double p99 = r.value("latency_p99_us");
        double p999 = r.value("latency_p99_9_us");
        double max = r.value("latency_max_us");
        assertTrue(min > 0 && min <= p50 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max,
                min + " " + p50 + " " + p90 + " " + p99 + " " + p999 + " " + max);
        double avg = r.value("latency_avg_us");
        assertTrue(avg >= min && avg <= max, "avg " + avg);
        // half the round trip, as sockperf: the harness's latency is the whole round trip
        assertEquals(r.latency().maxMs() * 1000 / 2, max, 1e-9);
    }

    @Test
    void udpAgainstOwnServer() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0)) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            RunResult r = run(options(s.port(), false, Sockperf.HEADER), text);
            assertValid(r);
            assertEquals("udp", r.test());
            assertEquals("sockperf ping-pong -i 127.0.0.1 -p " + s.port() + " -t 0.5 -m 14 --mps=max", r.nativeCommand());
            String out = text.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("virtbench: Summary: Latency is "), out);
            // what it printed reads back as the same figures
            RunResult back = new SockperfOutput().parse("out", out).get(0);
            assertEquals(r.value("latency_max_us"), back.value("latency_max_us"), 0.001);
            assertEquals(r.value("latency_p50_us"), back.value("latency_p50_us"), 0.001);
            assertEquals(r.value("messages_received"), back.value("messages_received"));
        }
    }

    @Test
    void tcpAgainstOwnServerWithLargeMessages() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0)) {
            RunResult r = run(options(s.port(), true, 100_000), new ByteArrayOutputStream());
            assertValid(r);
            assertEquals("tcp", r.test());
        }
    }

    @Test
    void fullRttIsTwiceTheLatencyAndNamedSo() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0)) {
            LatencyOptions o = new LatencyOptions(LOOPBACK, s.port(), false, 0.3, 14, 0, true, 0.1);
            RunResult r = run(o, new ByteArrayOutputStream());
            assertEquals(r.latency().maxMs() * 1000, r.value("rtt_max_us"), 1e-9);
            assertTrue(r.metric("latency_max_us").isEmpty());
        }
    }

    @Test
    void mpsLimitsTheRate() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0)) {
            LatencyOptions o = new LatencyOptions(LOOPBACK, s.port(), false, 1, 14, 200, false, 0);
            RunResult r = run(o, new ByteArrayOutputStream());
            double rate = r.value(LatencyMetrics.ROUND_TRIPS_PER_SECOND);
            // Poisson arrivals at 200/s for 1 s: 200 +- 4.5 standard deviations (64)
            assertTrue(rate > 130 && rate < 270, "rate " + rate);
        }
    }

    @Test
    void serverAnswersOnlyPongRequestsAndClearsTheClientFlag() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0); DatagramSocket c = new DatagramSocket()) {
            c.setSoTimeout(300);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(LOOPBACK), s.port());
            byte[] warmup = header(7, Sockperf.FLAG_CLIENT | Sockperf.FLAG_PONG_REQUEST | Sockperf.FLAG_WARMUP, 20);
            byte[] noPong = header(8, Sockperf.FLAG_CLIENT, 20);
            byte[] ask = header(9, Sockperf.FLAG_CLIENT | Sockperf.FLAG_PONG_REQUEST, 20);
            ask[19] = 42;
            for (byte[] m : new byte[][] {warmup, noPong, ask}) {
                c.send(new DatagramPacket(m, m.length, to));
            }
            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            c.receive(in);
            ByteBuffer b = ByteBuffer.wrap(in.getData(), 0, in.getLength());
            assertEquals(20, in.getLength());
            assertEquals(9, b.getLong(0), "only the pong request is answered, first");
            assertEquals(Sockperf.FLAG_PONG_REQUEST, b.getShort(8));
            assertEquals(20, b.getInt(10));
            assertEquals(42, b.get(19), "the payload comes back");
        }
    }

    @Test
    void serverClosesATcpConnectionAnnouncingAnOversizedMessage() throws Exception {
        try (LatencyServer s = LatencyServer.start(LOOPBACK, 0); Socket c = new Socket(LOOPBACK, s.port())) {
            c.setSoTimeout(2000);
            c.getOutputStream().write(header(1, Sockperf.FLAG_CLIENT | Sockperf.FLAG_PONG_REQUEST, Sockperf.MAX_TCP + 1));
            assertEquals(-1, c.getInputStream().read(), "closed by the server");
        }
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheRunWithinTheReplyTimeout() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            long t0 = System.nanoTime();
            RunResult r = run(options(port, false, 14), new ByteArrayOutputStream());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("no answer to message 1 within 2000 ms"), r.message());
            assertTrue(seconds < 5, "bounded: " + seconds);
        }
    }

    @Test
    void theRoundTripLoopAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (boolean tcp : new boolean[] {false, true}) {
            try (LatencyServer s = LatencyServer.start(LOOPBACK, 0); ReplyWatchdog w = new ReplyWatchdog()) {
                PingPongWorker worker = PingPongWorker.open(options(s.port(), tcp, 64), w);
                Counters counters = new Counters();
                for (int i = 0; i < 20_000; i++) {
                    worker.event(counters);
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 20_000; i++) {
                    worker.event(counters);
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                worker.close();
                assertTrue(allocated < 20_000, (tcp ? "TCP" : "UDP") + ": " + allocated + " bytes for 20000 round trips");
            }
        }
    }

    static byte[] header(long seq, int flags, int length) {
        ByteBuffer b = ByteBuffer.allocate(length > 100 ? Sockperf.HEADER : length);
        b.putLong(0, seq).putShort(8, (short) flags).putInt(10, length);
        return b.array();
    }
}

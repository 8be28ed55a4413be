package io.virtbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.client.IperfClient;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: loopback servers and clients, both virtbench's and native iperf3's. */
public final class Net {
    public static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    /** Client options for the loopback with the usual knobs. */
    public static ClientOptions client(int port, int time, boolean udp, boolean reverse, boolean bidir, int parallel) {
        return client(port, time, udp, reverse, bidir, parallel, -1, 0);
    }

    /** The same with {@code -b} (-1: the protocol's default) and {@code -l} (0: the default). */
    public static ClientOptions client(int port, int time, boolean udp, boolean reverse, boolean bidir, int parallel, long bitrate,
                                int length) {
        return ClientOptions.builder(LOOPBACK).port(port == 0 ? Iperf3.DEFAULT_PORT : port).udp(udp).time(time)
                .bitrate(bitrate).length(length).parallel(parallel).reverse(reverse).bidir(bidir).build();
    }

    /** Captures a PrintStream's text. */
    public static final class Capture {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        public final PrintStream stream = new PrintStream(buf, true, StandardCharsets.UTF_8);

        public String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    /** A virtbench server on a free loopback port. */
    public static final class JavaServer implements AutoCloseable {
        public final Capture out = new Capture();
        public final Capture err = new Capture();
        final IperfServer server;

        public JavaServer(ServerOptions o) {
            server = IperfServer.start(o.withPort(0).withBind(LOOPBACK), out.stream, err.stream);
        }

        public JavaServer() {
            this(ServerOptions.defaults().withCtrlTimeoutMs(5000));
        }

        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The outcome of a virtbench client and what it printed. */
    public record JavaRun(IperfClient.Outcome outcome, String out, String err) {
        public JsonNode json() throws Exception {
            return CJson.parse(outcome.json());
        }

        public RunResult result() throws Exception {
            return Iperf3Json.parse(json(), "test", 1);
        }
    }

    public static JavaRun javaClient(ClientOptions o) {
        Capture out = new Capture();
        Capture err = new Capture();
        IperfClient.Outcome r = IperfClient.run(o, out.stream, err.stream, StopSignal.never());
        return new JavaRun(r, out.text(), err.text());
    }

    /** Native {@code iperf3 -c 127.0.0.1 -p port -J args...}. */
    public static NativeTool.Result nativeClient(int port, String... args) {
        List<String> c = new ArrayList<>(List.of("iperf3", "-c", LOOPBACK, "-p", Integer.toString(port), "-J"));
        c.addAll(List.of(args));
        return NativeTool.run(c, null, Duration.ofSeconds(60));
    }

    static RunResult parseNative(NativeTool.Result r) throws Exception {
        return Iperf3Json.parse("iperf3", r.stdout()).get(0);
    }

    /**
     * What a UDP receiver's report must hold whatever the machine's load: loopback may drop
     * datagrams when the receiver is starved of CPU, so the tests check iperf3's accounting instead
     * of an absence of loss. The receiver's own sum ({@code sum_received}, or {@code sum} without
     * it): every datagram that arrived was counted once (bytes = (packets - lost) x datagram
     * length, iperf3's packets being the highest sequence number seen and its loss the gaps less
     * the late arrivals), and something arrived. Each stream's summary ({@code end.streams[].udp})
     * is, as iperf3 3.12 prints it, the sender's bytes and datagrams with the receiver's loss:
     * bytes = packets x length (they do not say what arrived). The loss lies between 0 and the
     * packets, and its percentage is iperf3's: of the sender's datagrams (a stream's packets; for
     * {@code sum_received}, {@code sum}'s).
     */
    public static void assertUdpAccounting(JsonNode doc) {
        long length = doc.get("start").get("test_start").get("blksize").asLong();
        JsonNode end = doc.get("end");
        for (JsonNode stream : end.get("streams")) {
            JsonNode udp = stream.get("udp");
            if (udp != null) {
                assertEquals(udp.get("packets").asLong() * length, udp.get("bytes").asLong(),
                        "a stream's summary: the sender's datagrams and bytes: " + udp);
                assertLoss(udp, udp.get("packets").asLong());
            }
        }
        JsonNode sum = end.has("sum_received") ? end.get("sum_received") : end.get("sum");
        assertLoss(sum, end.get("sum").get("packets").asLong());
        assertEquals((sum.get("packets").asLong() - sum.get("lost_packets").asLong()) * length, sum.get("bytes").asLong(),
                "every datagram that arrived counted once: " + sum);
    }

    private static void assertLoss(JsonNode r, long sent) {
        long packets = r.get("packets").asLong();
        long lost = r.get("lost_packets").asLong();
        assertTrue(packets > 0 && lost >= 0 && lost <= packets, r.toString());
        assertEquals(100.0 * lost / sent, r.get("lost_percent").asDouble(), 1e-9, "iperf3's loss percentage: " + r);
    }
}

package io.virtbench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.net.latency.LatencyOptions;
import io.virtbench.net.latency.PingPong;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve --latency-port}: the sockperf-compatible server on serve's address only, UDP and TCP. */
class ServeLatencyTest {
    private static final String ADDRESS = "127.0.0.2";

    @Test
    void servesPingPongOnTheGivenAddressOnly() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        StopSignal stop = new StopSignal();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            try {
                exit.set(Serve.run(new Serve.Options(ADDRESS, 0, 0, 0, false, null, "sbtest", "", false, 0), out, out, stop));
            } catch (Exception e) {
                e.printStackTrace(out);
                exit.set(99);
            }
        }, "serve-under-test");
        t.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!text(buf).contains("all services ready") && t.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String text = text(buf);
            Matcher m = Pattern.compile("latency server \\(sockperf\\) ready on 127\\.0\\.0\\.2:(\\d+)").matcher(text);
            assertTrue(m.find(), text);
            int port = Integer.parseInt(m.group(1));
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            for (boolean tcp : new boolean[] {false, true}) {
                RunResult r = PingPong.run(new LatencyOptions(ADDRESS, port, tcp, 0.3, 14, 0, false, 0.1),
                        Output.text(none, none), 1);
                assertEquals(RunStatus.COMPLETE, r.status(), r.message());
                assertTrue(r.value("messages_received") > 10, "round trips over " + (tcp ? "TCP" : "UDP"));
            }
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            }, "not listening on 127.0.0.1");
        } finally {
            stop.request();
            t.join(10_000);
        }
        assertEquals(0, exit.get(), text(buf));
        assertTrue(text(buf).contains("virtbench serve: stopped"), text(buf));
    }

    @Test
    void withoutTheOptionThereIsNoLatencyServer() {
        assertEquals(Serve.Options.LATENCY_OFF,
                new Serve.Options(ADDRESS, 0, 0, 0, false, null, "sbtest", "", false).latencyPort());
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}

package io.virtbench.net.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with the real sockperf (3.7, Debian's package) both ways on the loopback:
 * virtbench's client against {@code sockperf server}, {@code sockperf ping-pong} against
 * virtbench's server; and one crosscheck pair.
 */
class SockperfInteropTest {

    @BeforeAll
    static void sockperf() {
        NativeTools.assumeAvailable(NativeTool.find("sockperf").isPresent(), "sockperf is not installed");
    }

    private static Process sockperfServer(int port, boolean tcp) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sockperf", "server", "-i", PingPongTest.LOOPBACK, "-p",
                Integer.toString(port)));
        if (tcp) {
            cmd.add("--tcp");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void clientAgainstSockperf(boolean tcp) throws Exception {
        int port = LatencyCrosscheck.freePort();
        Process server = sockperfServer(port, tcp);
        try {
            LatencyOptions o = PingPongTest.options(port, tcp, 100);
            LatencyCrosscheck.awaitReady(o, server);
            RunResult r = PingPongTest.run(o, new ByteArrayOutputStream());
            PingPongTest.assertValid(r);
            assertTrue(server.isAlive(), "sockperf server still serving");
        } finally {
            NativeTool.stop(server, Duration.ofSeconds(2));
        }
    }

    @Test
    void virtbenchClientAgainstSockperfServerUdp() throws Exception {
        clientAgainstSockperf(false);
    }

    @Test
    void virtbenchClientAgainstSockperfServerTcp() throws Exception {
        clientAgainstSockperf(true);
    }

    private static void sockperfAgainstServer(boolean tcp) throws Exception {
        try (LatencyServer s = LatencyServer.start(PingPongTest.LOOPBACK, 0)) {
            LatencyOptions o = new LatencyOptions(PingPongTest.LOOPBACK, s.port(), tcp, 1, 200, 0, false, 0.4);
            NativeTool.Result res = NativeTool.run(o.sockperfCommand(), null, Duration.ofSeconds(30));
            assertEquals(0, res.exitCode(), res.stdout() + res.stderr());
            String out = res.stdout() + res.stderr();
            assertTrue(out.contains("# dropped messages = 0; # duplicated messages = 0; # out-of-order messages = 0"), out);
            RunResult r = new SockperfOutput().parse("sockperf", out).get(0);
            assertEquals(tcp ? "tcp" : "udp", r.test());
            assertTrue(r.value("messages_received") > 100, out);
            assertTrue(r.value("latency_p50_us") > 0 && r.value("latency_p50_us") <= r.value("latency_max_us"), out);
        }
    }

    @Test
    void sockperfPingPongAgainstVirtbenchServerUdp() throws Exception {
        sockperfAgainstServer(false);
    }

    @Test
    void sockperfPingPongAgainstVirtbenchServerTcp() throws Exception {
        sockperfAgainstServer(true);
    }

    @Test
    void crosscheckComparesMedianLatencyAndRate() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
        LatencyOptions o = new LatencyOptions("ignored", 1, false, 1, 14, 0, false, 0.4);
        List<Crosscheck.Report> reports = LatencyCrosscheck.run(o, 1, Output.text(p, p));
        assertEquals("latency_p50_us", reports.get(0).metric());
        assertEquals(LatencyMetrics.ROUND_TRIPS_PER_SECOND, reports.get(1).metric());
        for (Crosscheck.Report r : reports) {
            Crosscheck.Pair pair = r.pairs().get(0);
            assertEquals("sockperf", pair.nativeResult().tool());
            assertEquals("virtbench", pair.virtbenchResult().tool());
            assertTrue(pair.ratio() > 0, buf.toString(StandardCharsets.UTF_8));
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("crosscheck net-latency: sockperf vs virtbench, latency_p50_us"), text);
        assertTrue(text.contains("median ratio virtbench/sockperf"), text);
    }
}

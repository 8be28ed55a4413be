package io.virtbench.net.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sockperf 3.7's ping-pong output, captured here (colour codes and all), read by the importer. */
class SockperfOutputTest {

    static String resource(String name) throws Exception {
        try (InputStream in = SockperfOutputTest.class.getResourceAsStream("/sockperf/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsUdpLatency() throws Exception {
        String text = resource("pp-udp-3.7.txt");
        SockperfOutput imp = new SockperfOutput();
        assertTrue(imp.accepts(Path.of("x.log"), text));
        RunResult r = imp.parse("pp.txt", text).get(0);
        assertEquals("sockperf", r.tool());
        assertEquals("3.7-no.git", r.toolVersion());
        assertEquals("udp", r.test());
        assertEquals(LatencyMetrics.WORKLOAD, r.workload());
        assertEquals(EXPECTED_UDP_RECEIVED / EXPECTED_UDP_SECONDS, r.value(LatencyMetrics.ROUND_TRIPS_PER_SECOND), 1e-6);
        assertEquals(EXPECTED_UDP_P50, r.value("latency_p50_us"));
        assertEquals(EXPECTED_UDP_AVG, r.value("latency_avg_us"));
        assertEquals(EXPECTED_UDP_MAX, r.value("latency_max_us"));
        assertEquals("pp.txt:" + EXPECTED_UDP_LINE, r.source());
    }

    @Test
    void readsTcpFullRoundTrip() throws Exception {
        RunResult r = new SockperfOutput().parse("t", resource("pp-tcp-full-rtt-3.7.txt")).get(0);
        assertEquals("tcp", r.test());
        assertEquals(Boolean.TRUE, r.parameters().get("full-rtt"));
        assertEquals(17.673, r.value("rtt_p50_us"));
        assertEquals(22.953, r.value("rtt_p90_us"));
        assertEquals(451.395, r.value("rtt_p99_us"));
        assertEquals(4402.461, r.value("rtt_p99_9_us"));
        assertEquals(7061.640, r.value("rtt_max_us"));
        assertEquals(44.168, r.value("rtt_avg_us"));
        assertEquals(12455 / 0.550, r.value(LatencyMetrics.ROUND_TRIPS_PER_SECOND), 1e-6);
    }

    @Test
    void theImporterIsInstalledAndRefusesOtherLogs() throws Exception {
        List<String> names = NativeImporter.installed().stream().map(NativeImporter::name).toList();
        assertTrue(names.contains("sockperf"), names.toString());
        assertTrue(!new SockperfOutput().accepts(Path.of("x"), "sysbench 1.0.20\nevents per second: 1\n"));
    }

    @Test
    void aTruncatedSummaryNamesItsLine() throws Exception {
        String text = resource("pp-udp-3.7.txt");
        String cut = text.substring(0, text.indexOf("<MAX>"));
        NativeParseException e = assertThrows(NativeParseException.class, () -> new SockperfOutput().parse("c", cut));
        assertEquals(EXPECTED_UDP_LINE, e.line());
        assertThrows(NativeParseException.class, () -> new SockperfOutput().parse("c", "sockperf: Test ended\n"));
    }

    private static final int EXPECTED_UDP_LINE = 11;
    private static final double EXPECTED_UDP_SECONDS = 0.551;
    private static final double EXPECTED_UDP_RECEIVED = 7892;
    private static final double EXPECTED_UDP_P50 = 8.325;
    private static final double EXPECTED_UDP_AVG = 34.881;
    private static final double EXPECTED_UDP_MAX = 7011.640;
}

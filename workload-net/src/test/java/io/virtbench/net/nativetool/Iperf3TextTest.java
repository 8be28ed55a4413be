package io.virtbench.net.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iperf3's text output (real iperf3 3.12 runs on 127.0.0.1, see resources iperf3-text/README) read like -J output. */
class Iperf3TextTest {
    private final Iperf3TextImporter imp = new Iperf3TextImporter();

    private static String read(String name) throws IOException {
        try (InputStream in = Iperf3TextTest.class.getResourceAsStream("/iperf3-text/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<RunResult> parse(String name) throws Exception {
        String text = read(name);
        assertTrue(imp.accepts(Path.of(name), text.substring(0, Math.min(text.length(), NativeImporter.HEAD_CHARS))), name);
        return imp.parse(name, text);
    }

    @Test
    void tcpClientRunsCarryTheJsonImportersNames() throws Exception {
        List<RunResult> runs = parse("iperf3-client.txt");
        assertEquals(2, runs.size());
        RunResult first = runs.get(0);
        assertEquals("net", first.workload());
        assertEquals("tcp", first.test());
        assertEquals(RunStatus.COMPLETE, first.status());
        assertEquals("client", first.parameters().get("role"));
        assertEquals(false, first.parameters().get("reverse"));
        assertEquals(1L, first.parameters().get("parallel"));
        assertEquals(2L, first.parameters().get("time"));
        assertEquals("iperf3-client.txt:1", first.source());
        // "0.00-2.00 sec 4.26 GBytes 18.3 Gbits/sec 37 sender" and "... 18.3 Gbits/sec receiver"
        assertEquals(18300, first.value(Iperf3Json.SUM_SENT_MBPS), 1e-9);
        assertEquals(18300, first.value(Iperf3Json.SUM_RECEIVED_MBPS), 1e-9);
        assertEquals(37, first.value(Iperf3Json.RETRANSMITS), 1e-9);
        assertEquals(2, first.intervals().size());
        assertEquals(17000, first.intervals().get(0).values().get(Iperf3Json.MBPS), 1e-9);
        assertEquals(14600, runs.get(1).value(Iperf3Json.SUM_SENT_MBPS), 1e-9);
        assertEquals(11, runs.get(1).value(Iperf3Json.RETRANSMITS), 1e-9);
        assertEquals(2, runs.get(1).repetition());
    }

    @Test
    void udpClientJitterAndLossComeFromTheReceiverLine() throws Exception {
        RunResult udp = parse("iperf3-udp-client.txt").get(0);
        assertEquals("udp", udp.test());
        assertEquals(0.023, udp.value(Iperf3Json.JITTER_MS), 1e-12);
        assertEquals(8, udp.value(Iperf3Json.PACKETS), 1e-12);
        assertEquals(0, udp.value(Iperf3Json.LOST_PACKETS), 1e-12);
        assertEquals(1.05, udp.value(Iperf3Json.SUM_SENT_MBPS), 1e-12);
        assertFalse(udp.parameters().containsKey("bitrate"), "the text does not say the target rate");
    }

    @Test
    void serverLogsHoldOneRunPerAcceptedTest() throws Exception {
        List<RunResult> runs = parse("iperf3-server.txt");
        assertEquals(List.of("tcp", "tcp", "udp"), runs.stream().map(RunResult::test).toList());
        assertTrue(runs.stream().allMatch(r -> "server".equals(r.parameters().get("role"))));
        assertEquals(18300, runs.get(0).value(Iperf3Json.SUM_RECEIVED_MBPS), 1e-9);
        assertTrue(runs.get(0).metric(Iperf3Json.SUM_SENT_MBPS).isEmpty(), "a receiving server prints no sender line");
        assertEquals(0.023, runs.get(2).value(Iperf3Json.JITTER_MS), 1e-12);
        assertEquals(3, runs.get(0).intervals().size());
    }

    @Test
    void otherTextIsNotAcceptedAndABrokenLineNamesItsLine() throws Exception {
        assertFalse(imp.accepts(Path.of("x"), "sysbench 1.0.20\n"));
        assertFalse(imp.accepts(Path.of("x"), "{\"start\": {}}"));
        String broken = read("iperf3-client.txt").replace("18.3 Gbits/sec   37", "18.3 Qbits/sec   37");
        NativeParseException e = assertThrows(NativeParseException.class, () -> imp.parse("b.txt", broken));
        assertEquals(8, e.line(), e.getMessage());
    }
}

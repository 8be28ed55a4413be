package io.virtbench.net.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The study's iperf3 3.9 logs: client JSON arrays and server logs of concatenated objects. */
class Iperf3JsonPaperLogsTest {

    private static List<RunResult> parse(Path p) throws Exception {
        return Iperf3Json.parse(p.getFileName().toString(), PaperLogs.read(p));
    }

    private static double mean(List<RunResult> runs, String metric) {
        return runs.stream().filter(r -> r.status() == RunStatus.COMPLETE).mapToDouble(r -> r.value(metric)).average()
                .orElseThrow();
    }

    @Test
    void everyNetworkLogParses() throws Exception {
        List<Path> files = PaperLogs.files("network");
        assertEquals(20, files.size());
        for (Path p : files) {
            List<RunResult> runs = parse(p);
            boolean server = p.getFileName().toString().endsWith("-server.log");
            boolean jitter = p.getFileName().toString().contains("-jitter");
            long complete = runs.stream().filter(r -> r.status() == RunStatus.COMPLETE).count();
            assertEquals(10, complete, p + ": the study ran every test 10 times");
            if (server) {
                // the server's last object is the one it wrote when it was stopped
                assertEquals(11, runs.size(), p.toString());
                RunResult last = runs.get(10);
                assertEquals(RunStatus.INTERRUPTED, last.status());
                assertEquals("interrupt - the server has terminated", last.message());
            } else {
                assertEquals(10, runs.size(), p.toString());
            }
            for (RunResult r : runs.subList(0, 10)) {
                assertEquals("net", r.workload());
                assertEquals("iperf3", r.tool());
                assertEquals(jitter ? "udp" : "tcp", r.test(), p.toString());
                assertEquals(server ? "server" : "client", r.parameters().get("role"));
                assertEquals(10L, r.parameters().get("time"));
                assertTrue(r.start() != null);
                // 1-second intervals; a server may add a last short one that ends with the test
                int n = r.intervals().size();
                assertTrue(n == 10 || server && n == 11, p + " has " + n + " intervals");
                assertEquals(1.0, r.intervals().get(0).seconds(), 0.05);
                if (jitter) {
                    assertTrue(r.value(Iperf3Json.JITTER_MS) > 0, p.toString());
                    assertEquals(1448L, r.parameters().get("length"));
                    assertTrue(r.metric(Iperf3Json.SUM_RECEIVED_MBPS).isEmpty(), "3.9 UDP has no sum_received");
                    assertTrue(r.intervals().get(0).values().containsKey(Iperf3Json.MBPS));
                } else {
                    assertTrue(r.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
                    assertEquals(131072L, r.parameters().get("length"));
                }
            }
        }
    }

    @Test
    void metalBaselinesOfTheStudy() throws Exception {
        List<RunResult> bw = parse(PaperLogs.file("network", "-metal-bandwidth.log"));
        // thesis-method.md: "network received" 943.532 = the client's sum_sent; "network sent" 940.407 = sum_received
        assertEquals(943.532, mean(bw, Iperf3Json.SUM_SENT_MBPS), 0.0005);
        assertEquals(940.407, mean(bw, Iperf3Json.SUM_RECEIVED_MBPS), 0.0005);
        assertEquals("3.9+", bw.get(0).toolVersion());
        assertEquals("dogentu", bw.get(0).parameters().get("host"));
        List<RunResult> jit = parse(PaperLogs.file("network", "-metal-jitter.log"));
        assertEquals(0.033, mean(jit, Iperf3Json.JITTER_MS), 0.0005);
        assertEquals(0.0, mean(jit, Iperf3Json.LOST_PERCENT), 1e-9);
        assertEquals(906.0, jit.get(0).value(Iperf3Json.PACKETS));
        assertEquals(1.049483848058644, jit.get(0).value(Iperf3Json.SUM_SENT_MBPS), 1e-12);
    }

    @Test
    void serverLogsSayWhatTheServerMeasured() throws Exception {
        List<RunResult> srv = parse(PaperLogs.file("network", "-metal-bandwidth-server.log"));
        // a receiving server has no sent bytes of its own; what it received is the client's sum_received
        assertEquals(0.0, mean(srv, Iperf3Json.SUM_SENT_MBPS), 0.0);
        assertEquals(940.407, mean(srv, Iperf3Json.SUM_RECEIVED_MBPS), 0.0005);
        assertEquals("3.7", srv.get(0).toolVersion());
        List<RunResult> jsrv = parse(PaperLogs.file("network", "-metal-jitter-server.log"));
        assertEquals(0.033, mean(jsrv, Iperf3Json.JITTER_MS), 0.0005);
    }

    @Test
    void garbageIsAParseErrorWithALine() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.virtbench.core.nativetool.NativeParseException.class,
                () -> Iperf3Json.parse("x", "{\n\"start\": {\n  oops\n}"));
        assertEquals(3, e.line());
        assertFalse(e.getMessage().isBlank());
        org.junit.jupiter.api.Assertions.assertThrows(io.virtbench.core.nativetool.NativeParseException.class,
                () -> Iperf3Json.parse("x", "   "));
        org.junit.jupiter.api.Assertions.assertThrows(io.virtbench.core.nativetool.NativeParseException.class,
                () -> Iperf3Json.parse("x", "[1, 2]"));
    }
}

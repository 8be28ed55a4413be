package io.virtbench.net.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.net.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code virtbench import} of iperf3 -J logs: every paper log, the study's baselines, 3.12 shapes, corrupt files. */
class Iperf3ImporterTest {
    private final Iperf3Importer imp = new Iperf3Importer();

    private static String head(String t) {
        return t.substring(0, Math.min(t.length(), NativeImporter.HEAD_CHARS));
    }

    private List<RunResult> load(Path p) throws NativeParseException {
        return imp.parse(p.toString(), PaperLogs.read(p));
    }

    private static double mean(List<RunResult> runs, String metric) {
        return runs.stream().filter(r -> r.status() == RunStatus.COMPLETE).mapToDouble(r -> r.value(metric)).average()
                .orElseThrow();
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof Iperf3Importer));
    }

    @Test
    void acceptsEveryNetworkLogAndNoOtherLog() {
        for (Path p : PaperLogs.files("network")) {
            assertTrue(imp.accepts(p, head(PaperLogs.read(p))), p.toString());
        }
        for (String other : new String[] {"cpu", "fileio", "database", "boot", "http-benchmark", "pipeline-benchmark"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(imp.accepts(p, head(PaperLogs.read(p))), p.toString());
            }
        }
        assertFalse(imp.accepts(Path.of("x.json"), "{\"start\": 1, \"name\": \"not iperf3\"}"));
    }

    @Test
    void everyNetworkLogImportsOneResultPerRunWithTheLineOfItsObject() throws Exception {
        List<Path> files = PaperLogs.files("network");
        assertEquals(20, files.size());
        for (Path p : files) {
            String name = p.getFileName().toString();
            boolean server = name.endsWith("-server.log");
            List<RunResult> runs = load(p);
            assertEquals(server ? 11 : 10, runs.size(), name);
            String[] lines = PaperLogs.read(p).split("\n", -1);
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                assertEquals("net", r.workload());
                int line = Integer.parseInt(r.source().substring(p.toString().length() + 1));
                assertTrue(lines[line - 1].contains("{"), name + ": run " + (i + 1) + " source " + r.source());
                if (i < 10) {
                    assertEquals(RunStatus.COMPLETE, r.status(), name + " run " + (i + 1));
                    assertEquals(server ? "server" : "client", r.parameters().get("role"));
                    assertEquals(name.contains("-jitter") ? "udp" : "tcp", r.test());
                }
            }
            assertEquals(p + ":1", runs.get(0).source());
        }
    }

    /** thesis-method.md: "network sent" 940.407 = the client's sum_received, "received" 943.532 = its sum_sent; jitter 0.033 ms. */
    @Test
    void metalMeansAreTheStudysBaselines() throws Exception {
        List<RunResult> bw = load(PaperLogs.file("network", "-metal-bandwidth.log"));
        assertEquals(943.532, mean(bw, Iperf3Json.SUM_SENT_MBPS), 0.0005);
        assertEquals(940.407, mean(bw, Iperf3Json.SUM_RECEIVED_MBPS), 0.0005);
        assertEquals(943.53, mean(bw, "sum_sent_mbit_per_second"), 0.005, "issue 4's figure");
        List<RunResult> jit = load(PaperLogs.file("network", "-metal-jitter.log"));
        assertEquals(0.033, mean(jit, Iperf3Json.JITTER_MS), 0.0005);
        assertEquals(0.0, mean(jit, Iperf3Json.LOST_PERCENT), 1e-9);
    }

    @Test
    void aCorruptFileIsAParseErrorWithItsLine() throws Exception {
        Path p = PaperLogs.file("network", "-metal-bandwidth.log");
        String text = PaperLogs.read(p);
        // cut in the middle of the third run
        String[] lines = text.split("\n", -1);
        String cut = String.join("\n", List.of(lines).subList(0, 700));
        NativeParseException e = assertThrows(NativeParseException.class, () -> imp.parse(p.toString(), cut));
        assertTrue(e.line() >= 700, e.line() + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("not iperf3 JSON"), e.getMessage());
        // a syntax error inside the second run: the line where it is
        lines[400] = lines[400] + " oops";
        NativeParseException bad = assertThrows(NativeParseException.class,
                () -> imp.parse(p.toString(), String.join("\n", lines)));
        assertEquals(401, bad.line(), bad.getMessage());
        // well-formed JSON that is not an iperf3 test: the line of that object
        String server = PaperLogs.read(PaperLogs.file("network", "-metal-bandwidth-server.log"));
        NativeParseException alien = assertThrows(NativeParseException.class,
                () -> imp.parse("s.log", server.replaceFirst("\n\\{\n", "\n{\"hello\": 1}\n{\n")));
        assertEquals(306, alien.line(), alien.getMessage());
        assertTrue(alien.getMessage().contains("not an iperf3 -J test object"), alien.getMessage());
    }

    /** iperf3 3.12 (installed here): a client document and a server log import, with the metric names virtbench's client gives. */
    @Test
    void iperf312ClientAndServerLogsImportWithVirtbenchsMetricNames(@TempDir Path tmp) throws Exception {
        NativeTools.assumeInstalled("iperf3");
        int port = Iperf3Native.freePort();
        Path log = tmp.resolve("metal-server.json");
        Process p = new ProcessBuilder("iperf3", "-s", "-J", "-p", Integer.toString(port), "-B", Net.LOOPBACK)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String client;
        String javaClient;
        try {
            Iperf3JsonNative312Test.waitListening(port);
            NativeTool.Result r = Net.nativeClient(port, "-t", "1", "-u", "-J");
            assertEquals(0, r.exitCode(), r.stderr());
            client = r.stdout();
            Net.JavaRun j = Net.javaClient(Net.client(port, 1, true, false, false, 1).withJson(true));
            javaClient = j.out();
            Thread.sleep(300);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(imp.accepts(Path.of("c.json"), head(client)), client);
        RunResult nat = imp.parse("c.json", client).get(0);
        assertEquals("3.12", nat.toolVersion());
        assertEquals("udp", nat.test());
        assertEquals("client", nat.parameters().get("role"));
        assertTrue(nat.value(Iperf3Json.JITTER_MS) >= 0);
        assertTrue(imp.accepts(Path.of("j.json"), head(javaClient)), javaClient);
        RunResult java = imp.parse("j.json", javaClient).get(0);
        assertEquals(names(nat), names(java), "virtbench's net client and iperf3 3.12 give the same metrics");
        String server = Files.readString(log);
        assertTrue(imp.accepts(log, head(server)), server);
        List<RunResult> srv = imp.parse(log.toString(), server);
        assertEquals(3, srv.size(), server);
        assertEquals("server", srv.get(0).parameters().get("role"));
        assertEquals(RunStatus.INTERRUPTED, srv.get(2).status());
    }

    private static Set<String> names(RunResult r) {
        Set<String> s = new TreeSet<>();
        for (Metric m : r.metrics()) {
            s.add(m.name());
        }
        return s;
    }
}

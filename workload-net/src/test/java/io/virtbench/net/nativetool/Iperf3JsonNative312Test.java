package io.virtbench.net.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.Net;
import io.virtbench.net.protocol.CJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iperf3 3.12's JSON, produced at test time by the installed iperf3 (no committed fixtures): the
 * parser reads its client and server documents, and virtbench's documents have the same shape.
 */
class Iperf3JsonNative312Test {
    @TempDir
    Path tmp;

    @BeforeAll
    static void iperf3() {
        NativeTools.assumeInstalled("iperf3");
    }

    private static JsonNode nativeDoc(String... args) throws Exception {
        try (Iperf3Native.Server s = Iperf3Native.startServer(Iperf3Native.freePort(), Net.LOOPBACK, true, List.of())) {
            NativeTool.Result r = Net.nativeClient(s.port(), args);
            assertEquals(0, r.exitCode(), r.stderr());
            return CJson.parse(r.stdout());
        }
    }

    private static JsonNode javaDoc(boolean udp, boolean bidir) throws Exception {
        try (Iperf3Native.Server s = Iperf3Native.startServer(Iperf3Native.freePort(), Net.LOOPBACK, true, List.of())) {
            Net.JavaRun r = Net.javaClient(Net.client(s.port(), 1, udp, false, bidir, 1).withJson(true));
            return CJson.parse(r.out());
        }
    }

    @Test
    void clientDocumentsOfTcpUdpAndBidir() throws Exception {
        RunResult tcp = Iperf3Json.parse(nativeDoc("-t", "1"), "tcp", 1);
        assertEquals(RunStatus.COMPLETE, tcp.status());
        assertEquals("3.12", tcp.toolVersion());
        assertTrue(tcp.value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
        assertTrue(tcp.metric(Iperf3Json.RETRANSMITS).isPresent());
        assertEquals(0L, tcp.parameters().get("bitrate"));
        JsonNode udpDoc = nativeDoc("-t", "1", "-u");
        RunResult udp = Iperf3Json.parse(udpDoc, "udp", 1);
        assertEquals("udp", udp.test());
        assertTrue(udp.metric(Iperf3Json.SUM_RECEIVED_MBPS).isPresent(), "3.11+ writes sum_received for UDP");
        assertEquals(udpDoc.get("end").get("sum").get("jitter_ms").asDouble(), udp.value(Iperf3Json.JITTER_MS));
        assertEquals(1048576L, udp.parameters().get("bitrate"));
        RunResult bidir = Iperf3Json.parse(nativeDoc("-t", "1", "--bidir"), "bidir", 1);
        assertEquals(true, bidir.parameters().get("bidir"));
        assertTrue(bidir.value(Iperf3Json.SUM_RECEIVED_REVERSE_MBPS) > 0);
    }

    @Test
    void serverJsonLogOfConsecutiveTests() throws Exception {
        int port = Iperf3Native.freePort();
        Path log = tmp.resolve("server.json");
        Process p = new ProcessBuilder("iperf3", "-s", "-J", "-p", Integer.toString(port), "-B", Net.LOOPBACK)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitListening(port);
            assertEquals(0, Net.nativeClient(port, "-t", "1").exitCode());
            assertEquals(0, Net.nativeClient(port, "-t", "1", "-u").exitCode());
            Thread.sleep(300);
        } finally {
            p.destroy(); // SIGTERM: the server writes its "interrupt" object, as in the study's logs
            p.waitFor(5, TimeUnit.SECONDS);
        }
        List<RunResult> runs = Iperf3Json.parse("server.json", Files.readString(log));
        assertEquals(3, runs.size(), Files.readString(log));
        assertEquals("server", runs.get(0).parameters().get("role"));
        assertTrue(runs.get(0).value(Iperf3Json.SUM_RECEIVED_MBPS) > 0);
        assertEquals("udp", runs.get(1).test());
        assertTrue(runs.get(1).value(Iperf3Json.PACKETS) > 0);
        assertEquals(RunStatus.INTERRUPTED, runs.get(2).status());
    }

    @Test
    void virtbenchDocumentsHaveIperf312sShape() throws Exception {
        // snd_wnd is the one TCP_INFO field Netty does not expose; the congestion names depend on the peer
        Set<String> ignore = Set.of("snd_wnd", "max_snd_wnd");
        assertEquals(keys(nativeDoc("-t", "1"), ignore), keys(javaDoc(false, false), ignore));
        assertEquals(keys(nativeDoc("-t", "1", "-u"), ignore), keys(javaDoc(true, false), ignore));
        assertEquals(keys(nativeDoc("-t", "1", "--bidir"), ignore), keys(javaDoc(false, true), ignore));
    }

    /** Every key path in a document (array elements merged). */
    private static Set<String> keys(JsonNode n, Set<String> ignore) {
        Set<String> out = new TreeSet<>();
        collect("", n, out, ignore);
        return out;
    }

    private static void collect(String path, JsonNode n, Set<String> out, Set<String> ignore) {
        if (n.isObject()) {
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (ignore.contains(k)) {
                    continue;
                }
                out.add(path + "/" + k);
                collect(path + "/" + k, n.get(k), out, ignore);
            }
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                collect(path + "[]", x, out, ignore);
            }
        }
    }

    /** Waits until something listens on 127.0.0.1:port (from /proc/net/tcp; a probe would start an iperf3 test). */
    static void waitListening(int port) throws Exception {
        String hex = String.format("%04X", port);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> lines = new ArrayList<>();
            try {
                lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp")));
            } catch (IOException e) {
                Thread.sleep(500);
                return;
            }
            for (String l : lines) {
                String[] f = l.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + hex) && f[3].equals("0A")) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing listens on port " + port);
    }
}

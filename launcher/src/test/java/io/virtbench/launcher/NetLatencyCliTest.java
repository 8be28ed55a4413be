package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.net.latency.LatencyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code net latency}, {@code net latency-server}, {@code crosscheck latency} and {@code serve --latency-port} on the command line. */
@org.junit.jupiter.api.Timeout(60)
class NetLatencyCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "net latency -t 1|-i",
            "net latency -i 127.0.0.1 -m 13|-m/--msg-size",
            "net latency -i 127.0.0.1 --tcp -m 1048576|-m/--msg-size",
            "net latency -i 127.0.0.1 -m 65508|-m/--msg-size",
            "net latency -i 127.0.0.1 --mps=fast|--mps",
            "net latency -i 127.0.0.1 --mps=0|--mps",
            "net latency -i 127.0.0.1 -t 0|-t/--time",
            "net latency -i 127.0.0.1 -p 70000|-p/--port",
            "net latency -i no-such-host.invalid|-i/--ip",
            "net latency -i 127.0.0.1 --repeat 0|--repeat",
            "net latency-server -p 70000|-p/--port",
            "crosscheck latency -t 1.5|-t/--time",
            "crosscheck latency --runs 0|--runs",
            "serve --latency-port 70000|--latency-port",
            "serve --latency-port -2|--latency-port"})
    void badInputIsOneLineWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void measuresAgainstAServerAndWritesResults() throws Exception {
        try (LatencyServer s = LatencyServer.start("127.0.0.1", 0)) {
            Cli c = Cli.run("net", "latency", "-i", "127.0.0.1", "-p", Integer.toString(s.port()), "--tcp", "-t", "0.3",
                    "--warmup-time", "0.1", "--repeat", "2", "--out", tmp.toString(), "--platform", "metal");
            assertEquals(0, c.code(), c.err());
            assertTrue(c.out().contains("virtbench: Summary: Latency is "), c.out());
            assertTrue(c.out().contains("round_trips_per_second"), "the summary over the runs: " + c.out());
            List<Path> files;
            try (Stream<Path> l = Files.list(tmp)) {
                files = l.sorted().toList();
            }
            assertEquals(2, files.size(), files.toString());
            RunResult r = ResultFiles.read(files.get(0));
            assertEquals("net-latency", r.workload());
            assertEquals("tcp", r.test());
            assertTrue(r.value("round_trips_per_second") > 0);
            assertTrue(r.value("latency_p99_us") >= r.value("latency_p50_us"));
        }
    }

    @Test
    void aClosedPortFailsInOneLine() throws Exception {
        int port;
        try (LatencyServer s = LatencyServer.start("127.0.0.1", 0)) {
            port = s.port();
        }
        Cli c = Cli.run("net", "latency", "-i", "127.0.0.1", "-p", Integer.toString(port), "--tcp", "-t", "0.3");
        assertEquals(1, c.code(), c.err());
        assertTrue(c.errorLines().startsWith("virtbench: cannot connect to 127.0.0.1 port " + port + " (TCP)"), c.err());
        assertEquals(1, c.errorLines().lines().count(), c.err());
    }

    @Test
    void udpToAClosedPortFailsInOneLine() throws Exception {
        int port;
        try (LatencyServer s = LatencyServer.start("127.0.0.1", 0)) {
            port = s.port();
        }
        Cli c = Cli.run("net", "latency", "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "0.3");
        assertEquals(1, c.code(), c.err());
        assertEquals("virtbench: nothing listens on 127.0.0.1 port " + port + " (UDP: port unreachable)\n", c.errorLines());
    }
}

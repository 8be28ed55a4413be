package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every server of the jar opens its port before it warms up, so a script that starts the server
 * and then a native client (iperf3, ab) works as with the native servers; a client that arrives
 * during the network server's warm-up is served after it, without an error.
 */
class ServersListenAtOnceIT {
    /** The network server's warm-up prints this at its end with -Dvirtbench.warmup.debug. */
    private static final String WARMUP_END = "warm-up reports:";

    @TempDir
    Path tmp;

    /** A jar process whose merged output goes to a file, read while it runs. */
    private record Server(Process process, Path log) implements AutoCloseable {
        static Server start(Path dir, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(JarIT.javas().findFirst().orElseThrow(),
                    "-Dvirtbench.warmup.debug=1", "-jar", JarIT.JAR.toString()));
            cmd.addAll(List.of(args));
            Path log = Files.createTempFile(dir, "server", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Server(p, log);
        }

        /** Waits (60 s at most) for a line matching {@code pattern}; returns its match. */
        Matcher await(Pattern pattern) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Matcher m = pattern.matcher(output());
                if (m.find()) {
                    return m;
                }
                assertTrue(process.isAlive(), "the server exited: " + output());
                Thread.sleep(20);
            }
            throw new AssertionError("no line matching " + pattern + " within 60 s: " + output());
        }

        String output() throws Exception {
            return Files.readString(log);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void iperf3ClientStartedRightAfterTheNetServerIsServedAfterTheWarmUp() throws Exception {
        NativeTools.assumeInstalled("iperf3");
        try (Server s = Server.start(tmp, "net", "server", "-p", "0", "-B", "127.0.0.1")) {
            int port = Integer.parseInt(s.await(Pattern.compile("Server listening on (\\d+) ")).group(1));
            assertFalse(s.output().contains(WARMUP_END), "the port is open before the warm-up ends: " + s.output());
            NativeTool.Result r = NativeTool.run(List.of("iperf3", "-c", "127.0.0.1", "-p", "" + port, "-t", "2"), null,
                    Duration.ofSeconds(90));
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("receiver"), r.stdout());
            String log = s.output();
            // the client's test ran after the warm-up, never beside it: the server's report of the test follows its end
            int warmupEnd = log.indexOf(WARMUP_END);
            assertTrue(warmupEnd > 0, log);
            assertTrue(log.indexOf("Accepted connection from", warmupEnd) > warmupEnd, log);
        }
    }

    @Test
    void abStartedRightAfterHttpServeIsServed() throws Exception {
        NativeTools.assumeInstalled("ab");
        try (Server s = Server.start(tmp, "http", "serve", "--port", "0", "--threads", "1")) {
            String url = s.await(Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/) ")).group(1);
            NativeTool.Result r = NativeTool.run(List.of("ab", "-n", "200", "-c", "4", url), null, Duration.ofSeconds(60));
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("Complete requests:      200"), r.stdout());
            assertTrue(r.stdout().contains("Failed requests:        0"), r.stdout());
        }
    }

    @Test
    void serveOpensTheNetworkAndHttpPortsBeforeTheNetworkWarmUpEnds() throws Exception {
        NativeTools.assumeInstalled("iperf3");
        NativeTools.assumeInstalled("ab");
        try (Server s = Server.start(tmp, "serve", "-B", "127.0.0.1", "--net-port", "0", "--http-port", "0")) {
            int netPort = Integer.parseInt(s.await(Pattern.compile("network server \\(iperf3\\) ready on 127\\.0\\.0\\.1:(\\d+) "))
                    .group(1));
            String url = s.await(Pattern.compile("HTTP target ready on (http://127\\.0\\.0\\.1:\\d+/) ")).group(1);
            assertFalse(s.output().contains(WARMUP_END), "both ports are open before the warm-up ends: " + s.output());
            NativeTool.Result ab = NativeTool.run(List.of("ab", "-n", "50", "-c", "2", url),
                    null, Duration.ofSeconds(60));
            assertEquals(0, ab.exitCode(), ab.stdout() + ab.stderr());
            assertTrue(ab.stdout().contains("Failed requests:        0"), ab.stdout());
            NativeTool.Result iperf = NativeTool.run(List.of("iperf3", "-c", "127.0.0.1", "-p", "" + netPort, "-t", "1"), null,
                    Duration.ofSeconds(90));
            assertEquals(0, iperf.exitCode(), iperf.stdout() + iperf.stderr());
        }
    }
}

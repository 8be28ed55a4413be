package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetCliTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "net client|HOST",
            "net client x -P 0|-P",
            "net client x -P 129|-P",
            "net client x -t -1|-t",
            "net client x -t 86401|-t",
            "net client x -b 1Q|-b",
            "net client x -b 1M/0|-b",
            "net client x -l 2M|-l",
            "net client x -u -l 8|-l",
            "net client x -l lots|-l",
            "net client x -R --bidir|--bidir",
            "net client x -i 0.01|-i",
            "net client x -O 61|-O",
            "net client x -p 70000|-p",
            "net client x -f x|-f",
            "net client x -J --format json|--format",
            "net client x --no-such-option|--no-such-option",
            "net server -p 70000|-p",
            "net server --rcv-timeout 5|--rcv-timeout",
            "net|client",
            "crosscheck net --runs 0|--runs",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void helpShowsIperf3sOptionsWithTheirDefaults() {
        Cli c = Cli.run("net", "client", "--help");
        assertEquals(0, c.code());
        for (String opt : List.of("--port=N", "--time=SECONDS", "--length=N[KMGT]", "--parallel=N", "--interval=SECONDS",
                "--omit=N", "--bitrate", "--pacing-timer=USEC", "--format=FORMAT", "--repeat=N")) {
            int at = c.out().indexOf(opt);
            assertTrue(at >= 0, opt + " in\n" + c.out());
            assertTrue(c.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        assertTrue(c.out().contains("Default: 5201"));
        Cli s = Cli.run("net", "server", "--help");
        assertEquals(0, s.code());
        assertTrue(s.out().contains("--one-off"));
        assertTrue(Cli.run("--help").out().contains("\n  net "));
    }

    @Test
    void clientWritesAResultAgainstAServer() throws Exception {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        try (IperfServer s = IperfServer.start(ServerOptions.defaults().withPort(0).withBind("127.0.0.1"), none, none)) {
            Cli c = Cli.run("net", "client", "127.0.0.1", "-p", Integer.toString(s.port()), "-t", "1", "-u", "--format", "json",
                    "--platform", "metal");
            assertEquals(0, c.code(), c.err());
            RunResult r = ResultFiles.fromJson(c.out());
            assertEquals("net", r.workload());
            assertEquals("udp", r.test());
            assertTrue(r.value("jitter_ms") >= 0);
            assertEquals("metal", r.host().platform());
            assertTrue(c.err().contains("iperf Done."), "the iperf3 report goes to stderr with --format json: " + c.err());
            // the JIT warm-up before it: its line after the test, and in the result
            assertTrue(c.err().contains("JIT warm-up: "), c.err());
            assertTrue(c.err().contains("(touched: an iperf3 server of its own on 127.0.0.1, nothing on the network under test)"),
                    c.err());
            assertTrue(r.details().get("jit_warmup") instanceof java.util.Map, r.details().toString());
            Cli j = Cli.run("net", "client", "127.0.0.1", "-p", Integer.toString(s.port()), "-t", "1", "-J");
            assertEquals(0, j.code(), j.err());
            assertTrue(j.out().startsWith("{\n\t\"start\":"), j.out());
        }
    }

    @Test
    void refusedConnectionIsOneLineAndStatus1() {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli c = Cli.run("net", "client", "127.0.0.1", "-p", Integer.toString(port), "-t", "1");
        assertEquals(1, c.code());
        assertEquals("virtbench: unable to connect to server: Connection refused\n", c.errorLines());
    }
}

package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpCliTest {
    static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServeOptions.loopback().withThreads(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void helpListsTheHttpCommands() {
        assertTrue(Cli.run("--help").out().contains("\n  http"));
        Cli c = Cli.run("http", "--help");
        assertEquals(0, c.code());
        assertTrue(c.out().contains("bench") && c.out().contains("serve"), c.out());
        Cli b = Cli.run("http", "bench", "--help");
        for (String opt : new String[] {"-n=requests", "-c=concurrency", "-t=timelimit", "-s=timeout", "--rate=PER_SECOND",
                "--sweep-pause=SECONDS", "--threads=N"}) {
            int at = b.out().indexOf(opt);
            assertTrue(at >= 0, opt);
            assertTrue(b.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        assertTrue(Cli.run("crosscheck", "http", "--help").out().contains("Default: 5000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http bench|URL",
            "http bench -n 0 http://127.0.0.1:1/|-n",
            "http bench -c 10 -n 5 http://127.0.0.1:1/|-c 10",
            "http bench -c 0 http://127.0.0.1:1/|-c",
            "http bench -s 0 http://127.0.0.1:1/|-s",
            "http bench -n x http://127.0.0.1:1/|-n",
            "http bench ftp://127.0.0.1/|URL",
            "http bench http://127.0.0.1|path",
            "http bench https://127.0.0.1/|https",
            "http bench --sweep 10,x -n 100 http://127.0.0.1:1/|--sweep",
            "http bench --sweep 10,300 -n 100 http://127.0.0.1:1/|-c 300",
            "http bench --rate -1 http://127.0.0.1:1/|--rate",
            "http bench -v 2 http://127.0.0.1:1/|-v",
            "http bench -i -p /dev/null http://127.0.0.1:1/|-i",
            "http bench -p /no/such/file http://127.0.0.1:1/|-p",
            "http serve --port 70000|--port",
            "http serve --page-size -1|--page-size",
            "http serve --db-url nonsense|--db-url",
            "http serve --bind no.such.host.invalid|--bind",
            "http|which command",
            "crosscheck http --runs 0|--runs",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args.split(" "), named);
    }

    @Test
    void aServerThatIsDownIsOneLineAndStatus1() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli c = Cli.run("http", "bench", "--warmup", "0", "-n", "5", "http://127.0.0.1:" + port + "/");
        assertEquals(1, c.code());
        assertEquals("virtbench: cannot connect to 127.0.0.1:" + port + ": Connection refused (ab: apr_socket_recv: "
                + "Connection refused (111))\n", c.errorLines());
    }

    @Test
    void textOutputIsAbsLayout() throws Exception {
        // with the default JIT warm-up (on a private server: the target sees only the 200 requests)
        long before = server.served().ok();
        Cli c = Cli.run("http", "bench", "--warmup", "2", "-n", "200", "-c", "4", server.url("/"));
        assertEquals(200, server.awaitServed(before + 200, 10_000) - before);
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("virtbench (ApacheBench 2.3 compatible)\nClient: Netty "), c.out());
        assertTrue(c.out().contains("Benchmarking 127.0.0.1 (be patient)\n\n\nServer Software:        virtbench\n"), c.out());
        assertTrue(c.out().contains("\nDocument Length:        1021 bytes\n\nConcurrency Level:      4\n"), c.out());
        assertTrue(c.out().contains("Complete requests:      200\nFailed requests:        0\n"), c.out());
        assertTrue(c.out().contains(" 100%  "), c.out());
        assertTrue(c.err().contains("Completed 100 requests\nCompleted 200 requests\nFinished 200 requests\nJIT warm-up: "),
                c.err());
        assertTrue(c.err().contains("(touched: two HTTP servers of its own on 127.0.0.1, nothing reaches the target)\n"), c.err());
    }

    @Test
    void jsonOutputIsOneResult() throws Exception {
        Cli c = Cli.run("http", "bench", "--warmup", "0", "-k", "-n", "50", "-c", "2", "--format", "json", "--platform", "metal", server.url("/"));
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("http", r.workload());
        assertEquals(50, r.value("complete_requests"));
        assertEquals(50, r.value("keep_alive_requests"));
        assertEquals("metal", r.host().platform());
        assertTrue(r.nativeCommand().startsWith("ab -k -n 50 -c 2 http://127.0.0.1:"), r.nativeCommand());
    }

    @Test
    void minusTSetsFiftyThousandRequestsUnlessMinusNComesAfterIt() throws Exception {
        Cli before = Cli.run("http", "bench", "--warmup", "0", "-n", "30", "-t", "1", "--format", "json", server.url("/"));
        assertEquals(0, before.code(), before.err());
        assertEquals(50000L, ResultFiles.fromJson(before.out()).parameters().get("n"));
        Cli after = Cli.run("http", "bench", "--warmup", "0", "-t", "5", "-n", "30", "--format", "json", server.url("/"));
        assertEquals(0, after.code(), after.err());
        RunResult r = ResultFiles.fromJson(after.out());
        assertEquals(30L, r.parameters().get("n"));
        assertEquals(30, r.value("complete_requests"));
    }

    @Test
    void sweepRunsEveryLevelInEveryIteration() throws Exception {
        Cli c = Cli.run("http", "bench", "--warmup", "0", "--sweep", "1,3", "--repeat", "2", "--sweep-pause", "0", "-n", "30",
                "--format", "json", server.url("/"));
        assertEquals(0, c.code(), c.err());
        JsonNode doc = ResultFiles.mapper().readTree(c.out());
        assertEquals(4, doc.get("runs").size());
        int[] levels = {1, 3, 1, 3};
        for (int i = 0; i < 4; i++) {
            assertEquals(levels[i], doc.get("runs").get(i).get("parameters").get("c").asInt());
        }
        assertEquals(2, doc.get("summary_by_concurrency").get("3").get("runs").asInt());
        assertEquals("c=3", doc.get("summary_by_concurrency").get("3").get("test").asText());
        Cli text = Cli.run("http", "bench", "--warmup", "0", "--sweep", "1,2", "--sweep-pause", "0", "-n", "20", server.url("/"));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("mean time per request over all 2 runs (the study's HTTP figure): "), text.out());
    }
}

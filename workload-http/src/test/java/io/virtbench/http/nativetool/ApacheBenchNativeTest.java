package io.virtbench.http.nativetool;

import static io.virtbench.http.client.MisbehavingServer.Action.CLOSE;
import static io.virtbench.http.client.MisbehavingServer.Action.NOT_FOUND;
import static io.virtbench.http.client.MisbehavingServer.Action.OK;
import static io.virtbench.http.client.MisbehavingServer.Action.SHORT;
import static io.virtbench.http.client.MisbehavingServer.Action.SLOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.http.client.AbEngine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.AbRequest;
import io.virtbench.http.client.MisbehavingServer;
import io.virtbench.http.report.AbMetrics;
import io.virtbench.http.report.AbResult;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against the real ApacheBench 2.3 (apache2-utils; installed by .ci/run and required in CI). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApacheBenchNativeTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    static RunResult virtbench(AbOptions o) throws InterruptedException {
        return AbResult.of(AbEngine.run(o, NONE, NONE, StopSignal.never()), 1);
    }

    @Test
    void sendsTheSameRequestBytesAsAb() throws Exception {
        NativeTools.assumeInstalled("ab");
        Path body = Files.writeString(tmp.resolve("post.json"), "{\"x\": [1, 2, 3]}\n");
        List<UnaryOperator<AbOptions.Builder>> variants = List.of(
                b -> b,
                b -> b.keepAlive(true),
                b -> b.headers(List.of("X-Test: 1", "Accept: text/html")),
                b -> b.headers(List.of("Host: example.org", "User-Agent: mine/1")).cookie("session=abc"),
                b -> b.postFile(body).contentType("application/json"),
                b -> b.postFile(body),
                b -> b.head(true),
                b -> b.method("PATCH"));
        for (UnaryOperator<AbOptions.Builder> v : variants) {
            try (MisbehavingServer s = MisbehavingServer.always(OK)) {
                AbOptions o = v.apply(AbOptions.builder(s.url() + "some/path?q=1").requests(1)).build();
                RunResult a = ApacheBench.run(o);
                assertEquals(RunStatus.COMPLETE, a.status(), a.message());
                virtbench(o);
                assertEquals(2, s.heads.size());
                String abHead = new String(s.heads.get(0), StandardCharsets.ISO_8859_1);
                assertEquals(abHead, new String(s.heads.get(1), StandardCharsets.ISO_8859_1), ApacheBench.commandLine(o));
                byte[] request = AbRequest.build(o, o.body());
                assertArrayEquals(s.heads.get(0), java.util.Arrays.copyOf(request, s.heads.get(0).length));
            }
        }
    }

    @Test
    void countsFailuresAsAbCountsThem() throws Exception {
        NativeTools.assumeInstalled("ab");
        for (MisbehavingServer.Action bad : new MisbehavingServer.Action[] {SHORT, NOT_FOUND, CLOSE}) {
            try (MisbehavingServer s = new MisbehavingServer(i -> i % 4 == 3 ? bad : OK)) {
                AbOptions o = AbOptions.builder(s.url()).requests(40).concurrency(1).recvErrorsOk(true).build();
                RunResult a = ApacheBench.run(o);
                RunResult v = virtbench(o);
                for (String m : List.of("complete_requests", "failed_requests", "failed_connect", "failed_receive",
                        "failed_length", "failed_exceptions", "non_2xx_responses", "total_transferred_bytes",
                        "html_transferred_bytes", "document_length_bytes")) {
                    assertEquals(a.value(m), v.value(m), bad + ": " + m);
                }
                assertEquals(a.details().get("server_software"), v.details().get("server_software"));
            }
        }
    }

    @Test
    void keepAliveOpensAsManyConnectionsAsAb() throws Exception {
        NativeTools.assumeInstalled("ab");
        int abConnections;
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            RunResult a = ApacheBench.run(AbOptions.builder(s.url()).requests(30).concurrency(3).keepAlive(true).build());
            assertEquals(30, a.value("keep_alive_requests"));
            abConnections = s.accepted();
        }
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            RunResult v = virtbench(AbOptions.builder(s.url()).requests(30).concurrency(3).keepAlive(true).build());
            assertEquals(30, v.value("keep_alive_requests"));
            assertEquals(abConnections, s.accepted());
        }
    }

    @Test
    void crosscheckAgainstTheTargetServerAlternatesAndAgreesOnBytes() throws Exception {
        NativeTools.assumeInstalled("ab");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Output o = new Output(OutputFormat.TEXT, out, NONE, null, null, StopSignal.never());
        Crosscheck.Report rep = HttpCrosscheck.run(null, u -> AbOptions.builder(u).requests(1000).concurrency(10).build(),
                ServeOptions.loopback().withThreads(1), 2, AbMetrics.REQUESTS_PER_SECOND, o);
        assertEquals(2, rep.pairs().size());
        assertTrue(rep.pairs().get(0).nativeFirst());
        assertTrue(!rep.pairs().get(1).nativeFirst());
        for (Crosscheck.Pair p : rep.pairs()) {
            RunResult n = p.nativeResult();
            RunResult v = p.virtbenchResult();
            assertEquals("ab", n.tool());
            assertEquals("virtbench", v.tool());
            assertEquals(1000, n.value("complete_requests"));
            assertEquals(1000, v.value("complete_requests"));
            assertEquals(0, v.value("failed_requests"));
            // same server, same request bytes: the same bytes come back
            assertEquals(n.value("total_transferred_bytes"), v.value("total_transferred_bytes"));
            assertEquals(n.value("html_transferred_bytes"), v.value("html_transferred_bytes"));
            assertEquals(1021, n.value("document_length_bytes"));
            assertEquals("virtbench", n.details().get("server_software"));
            assertEquals(v.value("requests_per_second") / n.value("requests_per_second"), p.ratio(), 1e-12);
            assertTrue(p.ratio() > 0.05 && p.ratio() < 20, "same order of magnitude: " + p.ratio());
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("crosscheck http: ab vs virtbench, requests_per_second"), text);
        assertTrue(text.contains("median ratio virtbench/ab: "), text);
    }

    @Test
    void abReportsOfThisMachineParseAndReprint() throws Exception {
        NativeTools.assumeInstalled("ab");
        try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            AbOptions o = AbOptions.builder(server.url("/")).requests(301).concurrency(3).keepAlive(true).build();
            io.virtbench.core.nativetool.NativeTool.Result res =
                    io.virtbench.core.nativetool.NativeTool.run(ApacheBench.command(o), null, java.time.Duration.ofSeconds(60));
            assertEquals(0, res.exitCode(), res.stderr());
            RunResult r = ApacheBench.parse("ab", res.stdout()).get(0);
            assertEquals(301, r.value("keep_alive_requests"));
            String report = ApacheBenchParseTest.reports(res.stdout()).get(0);
            assertEquals(report, ApacheBenchParseTest.print(r));
        }
    }
}

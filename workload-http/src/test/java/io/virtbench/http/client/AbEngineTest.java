package io.virtbench.http.client;

import static io.virtbench.http.client.MisbehavingServer.Action.BIG_HEADER;
import static io.virtbench.http.client.MisbehavingServer.Action.CHUNKED;
import static io.virtbench.http.client.MisbehavingServer.Action.CLOSE;
import static io.virtbench.http.client.MisbehavingServer.Action.NOT_FOUND;
import static io.virtbench.http.client.MisbehavingServer.Action.OK;
import static io.virtbench.http.client.MisbehavingServer.Action.RESET_MID_BODY;
import static io.virtbench.http.client.MisbehavingServer.Action.SHORT;
import static io.virtbench.http.client.MisbehavingServer.Action.SLOW;
import static io.virtbench.http.client.MisbehavingServer.Action.STALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.http.report.AbResult;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against real loopback servers that answer well, badly or not at all. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbEngineTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());
    /** Response header size of MisbehavingServer's OK without keep-alive. */
    static final int OK_HEADER = ("HTTP/1.0 200 OK\r\nServer: Misbehaving/1.0 (test)\r\nContent-Length: 100\r\n\r\n").length();

    @TempDir
    Path tmp;

    static RunResult run(AbOptions o) throws InterruptedException {
        return run(o, StopSignal.never());
    }

    static RunResult run(AbOptions o, StopSignal stop) throws InterruptedException {
        return AbResult.of(AbEngine.run(o, NONE, NONE, stop), 1);
    }

    static AbOptions.Builder opts(MisbehavingServer s, int n, int c) {
        return AbOptions.builder(s.url()).requests(n).concurrency(c).timeout(10);
    }

    @Test
    void countsEveryRequestAndByteAsAb() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(OK)) {
            RunResult r = run(opts(s, 50, 5).build());
            assertEquals(RunStatus.COMPLETE, r.status());
            assertEquals(50, r.value("complete_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertEquals(100, r.value("document_length_bytes"));
            assertEquals(50 * (OK_HEADER + 100), r.value("total_transferred_bytes"));
            assertEquals(50 * 100, r.value("html_transferred_bytes"));
            assertEquals("Misbehaving/1.0", r.details().get("server_software"), "ab stops at the first blank");
            // a new connection per request without -k; as ab, a slot may connect for a request
            // that another slot then writes: at most c - 1 extra connections
            assertTrue(s.accepted() >= 50 && s.accepted() <= 54, "accepted " + s.accepted());
            assertEquals((long) s.accepted(), r.details().get("connections_opened"));
            assertEquals(50, r.latency().count());
            assertTrue(r.value("requests_per_second") > 0);
            assertEquals(r.value("complete_requests") / r.value("time_taken_seconds"), r.value("requests_per_second"), 1e-9);
            String head = new String(s.heads.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals("GET / HTTP/1.0\r\nHost: 127.0.0.1:" + s.port() + "\r\nUser-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n",
                    head);
        }
    }

    @Test
    void keepAliveUsesOneConnectionPerSlot() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            RunResult r = run(opts(s, 30, 3).keepAlive(true).build());
            assertEquals(30, r.value("complete_requests"));
            assertEquals(30, r.value("keep_alive_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertEquals(3, s.accepted(), "-k: one connection per concurrent slot");
            assertEquals(0, r.value("connect_median_ms"), "ab: zero connect time on a reused connection");
        }
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            run(opts(s, 30, 3).build());
            // as ab, a slot may connect for a request another slot then writes: at most c - 1 extra
            assertTrue(s.accepted() >= 30 && s.accepted() <= 32, "accepted " + s.accepted());
        }
    }

    @Test
    void keepAliveAgainstTheTargetServer() throws Exception {
        try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            RunResult r = run(AbOptions.builder(server.url("/")).requests(400).concurrency(4).keepAlive(true).build());
            assertEquals(400, r.value("keep_alive_requests"));
            assertEquals(1021, r.value("document_length_bytes"));
            assertEquals(4, server.served().connections());
            RunResult plain = run(AbOptions.builder(server.url("/")).requests(100).concurrency(4).build());
            assertEquals(0, plain.value("failed_requests"));
            long accepted = server.served().connections();
            assertTrue(accepted >= 4 + 100 && accepted <= 4 + 100 + 3, "accepted " + accepted);
            assertEquals(500, server.awaitServed(500, 10_000));
        }
    }

    @Test
    void responsesOfAnotherLengthAreLengthFailures() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i % 3 == 2 ? SHORT : OK)) {
            RunResult r = run(opts(s, 30, 1).build());
            assertEquals(30, r.value("complete_requests"));
            assertEquals(10, r.value("failed_requests"));
            assertEquals(10, r.value("failed_length"));
            assertEquals(10L, r.errors().get("length"));
            RunResult variable = run(opts(s, 30, 1).variableLength(true).build());
            assertEquals(0, variable.value("failed_requests"), "-l accepts any length");
            assertTrue(variable.metric("document_length_bytes").isEmpty());
        }
    }

    @Test
    void non2xxIsCountedButNotFailed() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i % 3 == 2 ? NOT_FOUND : OK)) {
            RunResult r = run(opts(s, 30, 2).build());
            assertEquals(30, r.value("complete_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertEquals(10, r.value("non_2xx_responses"));
        }
    }

    @Test
    void aClosedConnectionWithoutResponseIsALengthFailure() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i == 4 ? CLOSE : OK)) {
            RunResult r = run(opts(s, 10, 1).build());
            assertEquals(10, r.value("complete_requests"));
            assertEquals(1, r.value("failed_length"));
        }
    }

    @Test
    void aResetMidBodyIsAReceiveFailureWithMinusR() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i == 5 ? RESET_MID_BODY : OK)) {
            RunResult r = run(opts(s, 20, 1).recvErrorsOk(true).build());
            assertEquals(RunStatus.COMPLETE, r.status());
            assertEquals(20, r.value("complete_requests"), "ab -r counts the failed request as completed");
            assertEquals(1, r.value("failed_receive"));
            assertEquals(1, r.value("failed_length"), "its 50 body bytes differ from the document length");
            assertEquals(2, r.value("failed_requests"));
        }
    }

    @Test
    void aResetMidBodyStopsTheRunWithoutMinusR() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i == 5 ? RESET_MID_BODY : OK)) {
            RunResult r = run(opts(s, 20, 1).build());
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("apr_socket_recv: Connection reset by peer (104)"), r.message());
            assertEquals(5, r.value("complete_requests"), "what was measured before is kept");
        }
    }

    @Test
    void aStalledResponseFailsWithinTheTimeout() throws Exception {
        try (MisbehavingServer s = new MisbehavingServer(i -> i == 3 ? STALL : OK)) {
            long t0 = System.nanoTime();
            RunResult r = run(opts(s, 10, 1).timeout(0.5).recvErrorsOk(true).build());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(RunStatus.COMPLETE, r.status());
            assertEquals(10, r.value("complete_requests"));
            assertEquals(1, r.value("failed_receive"));
            assertEquals(1L, r.details().get("timeouts"));
            assertEquals(1L, r.errors().get("timeout"));
            assertTrue(seconds < 5, "no hang: " + seconds);
            assertTrue(r.value("total_max_ms") >= 500, "the stalled request lasted the timeout");
        }
        try (MisbehavingServer s = new MisbehavingServer(i -> i == 3 ? STALL : OK)) {
            RunResult r = run(opts(s, 10, 1).timeout(0.5).build());
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("no response within 0.5 s"), r.message());
            assertEquals(3, r.value("complete_requests"));
        }
    }

    @Test
    void oversizedHeadersAbortTheRunAfterTenFailures() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(BIG_HEADER)) {
            RunResult r = run(opts(s, 50, 1).recvErrorsOk(true).build());
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("Test aborted after 10 failures"), r.message());
            assertEquals(0, r.value("complete_requests"), "an oversized header is not a completed request");
            assertEquals(12, r.value("failed_requests"), "ab aborts at the failure after the 11th");
            assertEquals(12, r.value("non_2xx_responses"));
        }
    }

    /**
     * The request goes out right after connect when the kernel has completed the handshake (as on
     * the loopback); here the listener's queue is full, so the SYN is dropped, the early write finds
     * the handshake unfinished, and the slot waits for epoll until the SYN's retransmission (about
     * a second later) gets through: the request is still written once, whole, and its connect
     * time shows the wait.
     */
    @Test
    void aConnectThatCompletesOnlyLaterIsWaitedFor() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                java.net.Socket filler1 = new java.net.Socket(ss.getInetAddress(), ss.getLocalPort());
                java.net.Socket filler2 = new java.net.Socket(ss.getInetAddress(), ss.getLocalPort())) {
            // backlog 1: two connections waiting to be accepted fill the queue
            java.util.List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread server = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    ss.accept().close();
                    ss.accept().close();
                    for (int i = 0; i < 2; i++) {
                        try (java.net.Socket c = ss.accept()) {
                            byte[] b = new byte[4096];
                            int n = 0;
                            String head = "";
                            while (!head.endsWith("\r\n\r\n")) {
                                int k = c.getInputStream().read(b, n, b.length - n);
                                if (k < 0) {
                                    break;
                                }
                                n += k;
                                head = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                            }
                            heads.add(head);
                            c.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc"
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (Exception e) {
                    // the test's assertions tell
                }
            }, "backlog-server");
            server.setDaemon(true);
            server.start();
            RunResult r = run(AbOptions.builder("http://127.0.0.1:" + ss.getLocalPort() + "/").requests(2).concurrency(1)
                    .timeout(10).build());
            server.join(5000);
            assertEquals(RunStatus.COMPLETE, r.status(), r.message());
            assertEquals(2, r.value("complete_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertEquals(2, heads.size());
            for (String h : heads) {
                assertTrue(h.startsWith("GET / HTTP/1.0\r\nHost: 127.0.0.1:"), h);
            }
            assertTrue(r.value("connect_max_ms") >= 500, "the first connect waited for the SYN's retransmission: "
                    + r.value("connect_max_ms") + " ms");
            assertTrue(r.value("connect_min_ms") < 100, r.metrics().toString());
        }
    }

    @Test
    void aServerThatIsDownIsAOneLineError() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        for (boolean r : new boolean[] {false, true}) {
            UserException e = assertThrows(UserException.class, () ->
                    run(AbOptions.builder("http://127.0.0.1:" + port + "/").requests(10).recvErrorsOk(r).build()));
            assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + ": Connection refused"), e.getMessage());
            assertTrue(e.getMessage().contains("apr_socket_recv: Connection refused (111)"), e.getMessage());
            assertEquals(1, e.exitCode());
        }
    }

    @Test
    void aServerKilledMidRunWithMinusRGoesOnAndReports() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(OK).killAt(20)) {
            RunResult r = run(opts(s, 60, 2).recvErrorsOk(true).build());
            assertEquals(RunStatus.COMPLETE, r.status());
            assertEquals(60, r.value("complete_requests"), "ab -r counts refused connections as completed requests");
            assertTrue(r.value("failed_receive") >= 37, "refused connections are receive failures (ab): " + r.metrics());
            assertTrue(r.value("failed_length") >= 37);
            // a connection caught in the listener's queue when it closes may be reset during the connect
            assertTrue(r.value("failed_connect") <= 2, r.metrics().toString());
        }
    }

    @Test
    void aServerKilledMidRunWithoutMinusRStopsWithThePartialResult() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(OK).killAt(20)) {
            RunResult r = run(opts(s, 60, 2).build());
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("apr_socket_recv: Connection re"), r.message());
            double done = r.value("complete_requests");
            assertTrue(done >= 19 && done <= 21, "the requests answered before: " + done);
        }
    }

    @Test
    void aTimeLimitEndsTheRun() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            AbOptions o = opts(s, AbOptions.TIMED_REQUESTS, 2).timeLimit(0.6).build();
            long t0 = System.nanoTime();
            RunResult r = run(o);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(RunStatus.COMPLETE, r.status());
            assertTrue(seconds < 5, "took " + seconds);
            assertEquals(0.6, r.value("time_taken_seconds"), 0.1);
            assertTrue(r.value("complete_requests") > 5 && r.value("complete_requests") < 200, r.metrics().toString());
            assertEquals(50000L, r.parameters().get("n"));
        }
    }

    @Test
    void aStopRequestKeepsWhatWasMeasured() throws Exception {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
        try (MisbehavingServer s = MisbehavingServer.always(SLOW)) {
            StopSignal stop = new StopSignal();
            ex.schedule(stop::request, 400, TimeUnit.MILLISECONDS);
            RunResult r = run(opts(s, 100_000, 2).build(), stop);
            assertEquals(RunStatus.INTERRUPTED, r.status());
            assertTrue(r.value("complete_requests") > 0);
            assertTrue(r.value("time_taken_seconds") < 5);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aConstantRateSpacesTheRequestsAndReportsTheIntendedLatency() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(OK)) {
            long t0 = System.nanoTime();
            RunResult r = run(opts(s, 50, 2).keepAlive(true).rate(100).build());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(50, r.value("complete_requests"));
            assertTrue(seconds >= 0.45, "50 requests at 100/s take half a second: " + seconds);
            assertEquals(50, r.intendedLatency().count());
            assertTrue(r.value("requests_per_second") < 120, r.metrics().toString());
            assertTrue(r.intendedLatency().maxMs() >= r.latency().minMs());
        }
    }

    @Test
    void http11FramesChunkedResponsesOnPersistentConnections() throws Exception {
        try (MisbehavingServer s = MisbehavingServer.always(CHUNKED)) {
            RunResult r = run(AbOptions.builder("http://127.0.0.1:" + s.port() + "/").requests(40).concurrency(2)
                    .http11(true).keepAlive(true).timeout(5).build());
            assertEquals(RunStatus.COMPLETE, r.status());
            assertEquals(40, r.value("complete_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertTrue(s.accepted() >= 1 && s.accepted() <= 2, "persistent: " + s.accepted());
            String head = new String(s.heads.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("GET / HTTP/1.1\r\nHost: "), head);
        }
    }

    @Test
    void postSendsTheBodyAndCountsIt() throws Exception {
        Path body = Files.writeString(tmp.resolve("body.json"), "{\"a\":1}");
        try (MisbehavingServer s = MisbehavingServer.always(OK)) {
            RunResult r = run(opts(s, 10, 1).postFile(body).contentType("application/json").build());
            assertEquals(10, r.value("complete_requests"));
            String head = new String(s.heads.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("POST / HTTP/1.0\r\nContent-length: 7\r\nContent-type: application/json\r\nHost: "), head);
            double sent = r.value("total_body_sent_bytes");
            assertEquals(10 * (s.heads.get(0).length + 7), sent);
            assertTrue(r.metric("sent_rate_kib_per_second").isPresent());
        }
    }

    /** A body larger than the socket buffers takes several writes; the request counts when all of it is sent. */
    @Test
    void aLargePostBodyIsWrittenWhole() throws Exception {
        byte[] bytes = new byte[3 << 20];
        java.util.Arrays.fill(bytes, (byte) 'x');
        Path body = Files.write(tmp.resolve("big.bin"), bytes);
        for (boolean keepAlive : new boolean[] {false, true}) {
            try (MisbehavingServer s = MisbehavingServer.always(OK)) {
                RunResult r = run(opts(s, 4, 2).postFile(body).keepAlive(keepAlive).build());
                assertEquals(4, r.value("complete_requests"), "keep-alive " + keepAlive);
                assertEquals(0, r.value("failed_requests"), "keep-alive " + keepAlive);
                assertEquals(4, s.heads.size());
                assertEquals(4.0 * (s.heads.get(0).length + bytes.length), r.value("total_body_sent_bytes"));
            }
        }
    }
}

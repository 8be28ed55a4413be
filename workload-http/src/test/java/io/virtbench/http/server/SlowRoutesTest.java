package io.virtbench.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slow routes never hold up the static page (issue 21): /cpu runs off the event loop, and its n is capped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowRoutesTest {
    /** Primes among 3 .. 1 999 999 (π(2 000 000) = 148933, less the 2): about a second of one core. */
    private static final String SLOW = "GET /cpu?n=2000000 HTTP/1.0\r\n\r\n";

    private static Socket send(HttpServer server, String request) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    private static CompletableFuture<String> response(Socket s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    @Test
    void theStaticPageIsAnsweredWhileCpuRequestsRun() throws Exception {
        // one event loop: were /cpu computed on it, the page would wait for both
        ServeOptions o = ServeOptions.loopback().withThreads(1).withCpuMax(ServeOptions.MAX_CPU_MAX);
        try (HttpServer server = HttpServer.start(o)) {
            List<CompletableFuture<String>> cpu = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                cpu.add(response(send(server, SLOW)));
            }
            Thread.sleep(200); // let the server read both before the page is asked for
            String page = response(send(server, "GET / HTTP/1.0\r\n\r\n")).get(20, TimeUnit.SECONDS);
            boolean cpuStillRunning = cpu.stream().noneMatch(CompletableFuture::isDone);
            assertTrue(page.startsWith("HTTP/1.1 200 OK"), page);
            assertTrue(page.endsWith("</p></body></html>\n"), page);
            assertTrue(cpuStillRunning, "the page came while both /cpu requests were still running");
            for (CompletableFuture<String> f : cpu) {
                String r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
                assertTrue(r.endsWith("\r\n\r\n148932\n"), r);
            }
        }
    }

    @Test
    void nAboveTheCapIs400AndTheCapIsBounded() throws Exception {
        try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            String r = response(send(server, "GET /cpu?n=" + (ServeOptions.DEFAULT_CPU_MAX + 1) + " HTTP/1.0\r\n\r\n"))
                    .get(10, TimeUnit.SECONDS);
            assertTrue(r.startsWith("HTTP/1.1 400 "), r);
            assertTrue(r.endsWith("n must be 1.." + ServeOptions.DEFAULT_CPU_MAX + "\n"), r);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.virtbench.core.UserException.class,
                () -> ServeOptions.loopback().withCpuMax(ServeOptions.MAX_CPU_MAX + 1));
        assertTrue(e.getMessage().contains("--cpu-max"), e.getMessage());
    }

    @Test
    void pipelinedRequestsAfterACpuRequestKeepTheirOrder() throws Exception {
        try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            String r = response(send(server, "GET /cpu?n=200000 HTTP/1.1\r\nHost: x\r\n\r\nGET /cpu?n=100 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).get(20, TimeUnit.SECONDS);
            int first = r.indexOf("\r\n\r\n17983\n");
            int second = r.indexOf("\r\n\r\n24\n");
            int page = r.indexOf("<!DOCTYPE html>");
            assertTrue(first > 0 && second > first && page > second, r);
            assertFalse(r.contains(" 503 "), r);
            assertEquals(3, r.split("HTTP/1.1 200 OK", -1).length - 1, r);
        }
    }
}

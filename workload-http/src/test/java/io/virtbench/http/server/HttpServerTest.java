package io.virtbench.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.sysbench.Primes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The target server over real loopback sockets, spoken to byte by byte. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerTest {
    static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServeOptions.loopback().withThreads(2).withLimits(1024, 4096));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends {@code request} and reads until the server closes or {@code responses} complete responses came. */
    static String exchange(String request, int responses) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream(), responses);
        }
    }

    static String read(InputStream in, int responses) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int got = 0;
        while (got < responses) {
            String text = b.toString(StandardCharsets.ISO_8859_1);
            int complete = completeResponses(text);
            if (complete >= responses) {
                break;
            }
            int c;
            try {
                c = in.read();
            } catch (java.net.SocketException e) {
                break;
            }
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static int completeResponses(String text) {
        int n = 0;
        int at = 0;
        while (true) {
            int h = text.indexOf("\r\n\r\n", at);
            if (h < 0) {
                return n;
            }
            int cl = text.indexOf("Content-Length: ", at);
            int len = Integer.parseInt(text.substring(cl + 16, text.indexOf("\r\n", cl)));
            if (text.length() < h + 4 + len) {
                return n;
            }
            n++;
            at = h + 4 + len;
        }
    }

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void servesTheStaticPageOfTheStudysSize() throws IOException {
        String r = exchange("GET / HTTP/1.0\r\nHost: x\r\n\r\n", 1);
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\nServer: virtbench\r\nDate: "), r);
        assertTrue(r.contains("\r\nContent-Type: text/html\r\nContent-Length: 1021\r\nConnection: close\r\n\r\n"), r);
        assertEquals(1021, body(r).length());
        assertTrue(body(r).startsWith("<!DOCTYPE html>"));
        assertTrue(body(r).endsWith("</p></body></html>\n"));
        assertEquals(1021, HttpServer.page(1021).length);
        assertEquals(10, HttpServer.page(10).length);
    }

    @Test
    void headHasNoBody() throws IOException {
        String r = exchange("HEAD /index.html HTTP/1.0\r\n\r\n", 1);
        assertTrue(r.contains("Content-Length: 1021\r\n"), r);
        assertEquals("", body(r));
    }

    @Test
    void http10KeepAliveAsAbAsksForIt() throws IOException {
        String req = "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\nHost: x\r\n\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
                String r = read(s.getInputStream(), 1);
                assertTrue(r.contains("Connection: keep-alive\r\n"), r);
                assertEquals(1021, body(r).length());
            }
        }
    }

    @Test
    void pipelinedHttp11RequestsAreAnsweredInOrder() throws IOException {
        String r = exchange("GET /cpu?n=100 HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3);
        assertEquals(3, completeResponses(r), r);
        int a = r.indexOf("HTTP/1.1 200 OK");
        int b = r.indexOf("HTTP/1.1 404 Not Found");
        int c = r.indexOf("HTTP/1.1 200 OK", b);
        assertTrue(a >= 0 && b > a && c > b, r);
        assertTrue(r.contains("\r\n\r\n24\n"), "24 primes among 3..99 (sysbench cpu's count): " + r);
    }

    @Test
    void cpuRouteCountsPrimesAsOneSysbenchEvent() throws IOException {
        assertEquals("1228\n", body(exchange("GET /cpu HTTP/1.0\r\n\r\n", 1)));
        assertEquals("1228\n", body(exchange("GET /cpu?x=1&n=10000 HTTP/1.0\r\n\r\n", 1)));
        String bad = exchange("GET /cpu?n=0 HTTP/1.0\r\n\r\n", 1);
        assertTrue(bad.startsWith("HTTP/1.1 400 Bad Request"), bad);
        String huge = exchange("GET /cpu?n=99999999999 HTTP/1.0\r\n\r\n", 1);
        assertTrue(huge.startsWith("HTTP/1.1 400 Bad Request"), huge);
        assertEquals(1228, Primes.count(10000));
    }

    @Test
    void dbRouteWithoutADatabaseIs404() throws IOException {
        String r = exchange("GET /db HTTP/1.0\r\n\r\n", 1);
        assertTrue(r.startsWith("HTTP/1.1 404 Not Found"), r);
        assertTrue(body(r).contains("--db-url"), r);
    }

    @Test
    void oversizedRequestsGet414Or431AndTheConnectionCloses() throws IOException {
        String longLine = exchange("GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        assertTrue(longLine.startsWith("HTTP/1.1 414 URI Too Long"), longLine);
        assertTrue(longLine.contains("Connection: close"), longLine);
        String bigHeader = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n", 1);
        assertTrue(bigHeader.startsWith("HTTP/1.1 431 Request Header Fields Too Large"), bigHeader);
    }

    @Test
    void oversizedBodiesGet413() throws IOException {
        String r = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", 1);
        assertTrue(r.startsWith("HTTP/1.1 413 Content Too Large"), r);
        String chunked = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n", 1);
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
    }

    @Test
    void bodiesWithinTheLimitAreReadAndAnswered() throws IOException {
        String r = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n", 2);
        assertEquals(2, completeResponses(r), r);
        String chunked = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n"
                + "0\r\nX-T: 1\r\n\r\nGET / HTTP/1.1\r\nConnection: close\r\n\r\n", 2);
        assertEquals(2, completeResponses(chunked), chunked);
    }

    @Test
    void malformedRequestsGet400Or505() throws IOException {
        assertTrue(exchange("HELLO\r\n\r\n", 1).startsWith("HTTP/1.1 400 Bad Request"));
        assertTrue(exchange("GET / HTTP/2.0\r\n\r\n", 1).startsWith("HTTP/1.1 505"));
        assertTrue(exchange("GET / HTTP/1.1\r\nno colon here\r\n\r\n", 1).startsWith("HTTP/1.1 400"));
    }

    @Test
    void listensOnlyOnTheAddressGiven() throws Exception {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", server.port());
        assertEquals("127.0.0.1", local.getAddress().getHostAddress());
        // another local address of this machine, if it has one, must not answer
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    try (Socket s = new Socket()) {
                        assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(a, server.port()), 2000),
                                "answered on " + a);
                    }
                }
            }
        }
        // ::1 is another loopback address: not bound either
        try (Socket s = new Socket()) {
            assertThrows(IOException.class, () -> s.connect(new InetSocketAddress("::1", server.port()), 2000));
        }
    }

    @Test
    void aPortInUseIsAOneLineError() {
        UserException e = assertThrows(UserException.class, () -> HttpServer.start(ServeOptions.loopback().withPort(server.port())));
        assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
    }

    @Test
    void badOptionsNameTheOption() {
        for (Object[] c : List.of(new Object[] {"--port", (Runnable) () -> ServeOptions.loopback().withPort(70000)},
                new Object[] {"--page-size", (Runnable) () -> ServeOptions.loopback().withPageSize(-1)},
                new Object[] {"--db-url", (Runnable) () -> ServeOptions.loopback().withDb("mysql://x", "u", "", 10, 2)})) {
            UserException e = assertThrows(UserException.class, ((Runnable) c[1])::run);
            assertEquals(UserException.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains((String) c[0]), e.getMessage());
        }
    }
}

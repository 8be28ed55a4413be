package io.virtbench.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.http.nativetool.ApacheBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ab's URL parsing, request bytes and option rules (support/ab.c parse_url, test, main). */
class AbRequestTest {
    @TempDir
    Path tmp;

    static String request(AbOptions o) {
        return AbRequest.text(AbRequest.build(o, o.body()));
    }

    @Test
    void urlsAsAbReadsThem() {
        AbUrl u = AbUrl.parse("http://example.org/a/b?c=d");
        assertEquals("example.org", u.hostname());
        assertEquals(80, u.port());
        assertEquals("/a/b?c=d", u.path());
        assertEquals("example.org", u.hostHeader(), "no port in Host for 80");
        AbUrl p = AbUrl.parse("http://10.0.0.2:8080/");
        assertEquals(8080, p.port());
        assertEquals("10.0.0.2:8080", p.hostHeader());
        AbUrl v6 = AbUrl.parse("http://[::1]:8080/x");
        assertEquals("::1", v6.hostname());
        assertEquals("[::1]:8080", v6.hostHeader());
        for (String bad : List.of("example.org/", "http://example.org", "ftp://x/", "http://:80/", "http://h:0/", "http://h:x/",
                "https://h/")) {
            UserException e = assertThrows(UserException.class, () -> AbUrl.parse(bad), bad);
            assertEquals(UserException.USAGE, e.exitCode());
        }
    }

    @Test
    void theDefaultRequest() {
        assertEquals("GET / HTTP/1.0\r\nHost: 127.0.0.1:8080\r\nUser-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n",
                request(AbOptions.of("http://127.0.0.1:8080/", 1, 1)));
    }

    @Test
    void keepAliveCookieHeadersAndBodyInAbsOrder() throws Exception {
        Path body = Files.writeString(tmp.resolve("b"), "a=1&b=2");
        AbOptions o = AbOptions.builder("http://h/p").keepAlive(true).cookie("s=1").headers(List.of("X-A: 1", "Accept: text/html"))
                .postFile(body).contentType("application/x-www-form-urlencoded").build();
        assertEquals("POST /p HTTP/1.0\r\nConnection: Keep-Alive\r\nCookie: s=1\r\nContent-length: 7\r\n"
                + "Content-type: application/x-www-form-urlencoded\r\nX-A: 1\r\nAccept: text/html\r\nHost: h\r\n"
                + "User-Agent: ApacheBench/2.3\r\n\r\na=1&b=2", request(o));
        AbOptions host = AbOptions.builder("http://h/").headers(List.of("host: other", "User-Agent: me")).head(true).build();
        assertEquals("HEAD / HTTP/1.0\r\nhost: other\r\nUser-Agent: me\r\nAccept: */*\r\n\r\n", request(host));
        assertEquals("PATCH / HTTP/1.0\r\nHost: h\r\nUser-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n",
                request(AbOptions.builder("http://h/").method("PATCH").build()));
    }

    @Test
    void http11Option() {
        assertEquals("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n",
                request(AbOptions.builder("http://h/").http11(true).keepAlive(true).build()));
        assertTrue(request(AbOptions.builder("http://h/").http11(true).build()).startsWith("GET / HTTP/1.1\r\nConnection: close\r\n"));
    }

    @Test
    void aRequestHeaderOver8KiBIsRefused() {
        UserException e = assertThrows(UserException.class,
                () -> request(AbOptions.builder("http://h/").headers(List.of("X: " + "y".repeat(9000))).build()));
        assertTrue(e.getMessage().startsWith("request too long"), e.getMessage());
    }

    @Test
    void optionRules() {
        assertEquals(50000, AbOptions.effectiveRequests(null, 10, false), "-t alone");
        assertEquals(50000, AbOptions.effectiveRequests(100, 10, false), "-n before -t is overridden");
        assertEquals(100, AbOptions.effectiveRequests(100, 10, true), "-n after -t wins");
        assertEquals(1, AbOptions.effectiveRequests(null, 0, false));
        assertThrows(UserException.class, () -> AbOptions.of("http://h/", 5, 10));
        assertThrows(UserException.class, () -> AbOptions.of("http://h/", 0, 1));
        assertThrows(UserException.class, () -> AbOptions.of("http://h/", 10, 20001));
        assertThrows(UserException.class, () -> AbOptions.builder("http://h/").head(true).postFile(tmp).build());
        assertThrows(UserException.class, () -> AbOptions.builder("http://h/").headers(List.of("a\r\nb: c")).build());
        UserException big = assertThrows(UserException.class, () -> AbOptions.of("http://h/", Integer.MAX_VALUE, 1));
        assertTrue(big.getMessage().contains("-Xmx"), big.getMessage());
        assertEquals(0, AbEngine.heartbeatOf(AbOptions.of("http://h/", 150, 1)));
        assertEquals(100, AbEngine.heartbeatOf(AbOptions.of("http://h/", 151, 1)));
        assertEquals(500, AbEngine.heartbeatOf(AbOptions.of("http://h/", 5000, 1)));
        assertEquals(0, AbEngine.heartbeatOf(AbOptions.builder("http://h/").requests(5000).quiet(true).build()));
    }

    @Test
    void abStringHelpers() {
        byte[] h = "HTTP/1.1 200 OK\r\nserver: nginx/1.22 (Debian)\r\nContent-Length:1021\r\n\r\n".getBytes();
        assertEquals("nginx/1.22", AbBytes.serverOf(h, h.length));
        int cl = AbBytes.indexOfIgnoreCase(h, 0, h.length, AbBytes.CONTENT_LENGTH);
        assertEquals(21, AbBytes.atoi(h, cl + 16, h.length), "ab's atoi(cl + 16) skips a digit when there is no space");
        assertEquals(-1, AbBytes.indexOf(h, 0, h.length, AbBytes.LFLF));
        assertEquals(h.length - 4, AbBytes.indexOf(h, 0, h.length, AbBytes.CRLFCRLF));
    }

    @Test
    void theTargetAddressCarriesItsTextSoNoConnectFormatsIt() throws Exception {
        java.net.InetAddress v4 = AbEngine.named(java.net.InetAddress.getByName("127.0.0.1"));
        assertEquals("127.0.0.1/127.0.0.1", v4.toString(), "the name is stored (no lookup, no formatting later)");
        assertTrue(java.util.Arrays.equals(new byte[] {127, 0, 0, 1}, v4.getAddress()));
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        assertTrue(AbEngine.named(v6) == v6, "an IPv6 address (and its scope) is kept as it is");
    }

    @Test
    void socketErrorsLoseNettysAddressSuffix() {
        assertEquals("Connection refused", AbErrors.reason(new java.net.ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: 127.0.0.1/127.0.0.1:8080")));
        assertEquals("Connection refused", AbErrors.reason(new java.net.ConnectException("Connection refused: /127.0.0.1:8080")));
        assertEquals("Connection refused", AbErrors.reason(new java.net.ConnectException(
                "Connection refused: /[0:0:0:0:0:0:0:1]:8080")));
        assertEquals("Connection reset by peer", AbErrors.reason(new java.io.IOException("Connection reset by peer")));
        assertEquals(111, AbErrors.errno(new java.net.ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: 127.0.0.1/127.0.0.1:8080")));
    }
}

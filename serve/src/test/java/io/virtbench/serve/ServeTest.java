package io.virtbench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code virtbench serve} with real servers: every service listens on the address given and on
 * no other (127.0.0.2 given: 127.0.0.1 refuses), the embedded database takes the client's user
 * from a non-local address, and a stop closes everything.
 */
class ServeTest {
    private static final String ADDRESS = "127.0.0.2";

    @Test
    void servesOnlyOnTheGivenAddressAndStopsCleanly() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        StopSignal stop = new StopSignal();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            try {
                exit.set(Serve.run(new Serve.Options(ADDRESS, 0, 0, 0, true, null, "sbtest", "s3cret", false), out, out, stop));
            } catch (Exception e) {
                e.printStackTrace(out);
                exit.set(99);
            }
        }, "serve-under-test");
        t.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!text(buf).contains("all services ready") && t.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String text = text(buf);
            assertTrue(text.contains("all services ready"), text);
            assertTrue(!text.contains("s3cret"), "the password is never printed: " + text);
            int db = port(text, "MariaDB ready on 127\\.0\\.0\\.2:(\\d+)");
            int net = port(text, "network server \\(iperf3\\) ready on 127\\.0\\.0\\.2:(\\d+)");
            int http = port(text, "HTTP target ready on http://127\\.0\\.0\\.2:(\\d+)/");
            for (int p : List.of(db, net, http)) {
                assertTrue(accepts(ADDRESS, p), "listens on " + ADDRESS + ":" + p);
                assertTrue(!accepts("127.0.0.1", p), "does not listen on 127.0.0.1:" + p + " (only the address given)");
            }
            // the user the suite's oltp client logs in as, from an address that is not localhost
            try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ADDRESS + ":" + db + "/sbtest?sslMode=DISABLED"
                    + "&allowPublicKeyRetrieval=true&connectTimeout=10000", "sbtest", "s3cret");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (7)");
                try (ResultSet rs = s.executeQuery("SELECT id, CURRENT_USER() FROM t")) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getInt(1));
                    assertEquals("sbtest@%", rs.getString(2));
                }
            }
            // the HTTP target answers its static page
            try (Socket s = new Socket(ADDRESS, http)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(reply.startsWith("HTTP/1.") && reply.contains(" 200 "), reply);
            }
            stop.request();
            t.join(60_000);
            assertTrue(!t.isAlive(), "serve stops within 60 s");
            assertEquals(0, exit.get(), text(buf));
            assertTrue(text(buf).contains("virtbench serve: stopped"), text(buf));
            for (int p : List.of(db, net, http)) {
                assertTrue(!accepts(ADDRESS, p), "closed after the stop: " + p);
            }
        } finally {
            stop.request();
            t.join(60_000);
        }
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        UserException both = assertThrows(UserException.class,
                () -> new Serve.Options(ADDRESS, 0, 0, 0, true, "jdbc:mysql://x/y", "sbtest", "", false));
        assertTrue(both.getMessage().contains("--db-url"), both.getMessage());
        UserException port = assertThrows(UserException.class,
                () -> new Serve.Options(ADDRESS, 70000, 0, 0, false, null, "sbtest", "", false));
        assertTrue(port.getMessage().contains("--net-port"), port.getMessage());
        StopSignal stop = new StopSignal();
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        UserException host = assertThrows(UserException.class, () -> Serve.run(
                new Serve.Options("no-such-host.invalid", 0, 0, 0, false, null, "sbtest", "", false), none, none, stop));
        assertTrue(host.getMessage().contains("--bind"), host.getMessage());
    }

    private static String text(ByteArrayOutputStream buf) {
        synchronized (buf) {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    private static int port(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail("no '" + regex + "' in:\n" + text);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}

package io.virtbench.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.Net;
import io.virtbench.net.protocol.Cookie;
import io.virtbench.net.protocol.Iperf3;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server under hostile or broken clients: it never wedges, never allocates what a length
 * field asks for, and serves the next client within a second of noticing the problem.
 */
class RobustnessTest {

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(Net.LOOPBACK, port), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    /**
     * "It serves the next client within a second": a new client's cookie gets PARAM_EXCHANGE
     * (not ACCESS_DENIED, not silence) within a second of the trouble; then a whole real test
     * runs (not timed: the machine may be busy).
     */
    private static void nextClientIsServed(Net.JavaServer s) throws Exception {
        long t0 = System.nanoTime();
        boolean ready = false;
        while (!ready && System.nanoTime() - t0 < 1_000_000_000L) {
            try (Socket probe = connect(s.port())) {
                probe.getOutputStream().write(Cookie.make());
                ready = readByte(probe.getInputStream()) == (Iperf3.PARAM_EXCHANGE & 0xFF);
            } catch (IOException e) {
                ready = false;
            }
            if (!ready) {
                Thread.sleep(20);
            }
        }
        assertTrue(ready, "served again within a second; server:\n" + s.out.text() + s.err.text());
        Net.JavaRun r = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            r = Net.javaClient(Net.client(s.port(), 1, false, false, false, 1));
            if (!"the server is busy running a test. try again later".equals(r.outcome().error())) {
                break; // the probe's test ends when the server sees it closed; until then it is busy
            }
            Thread.sleep(20);
        }
        Net.JavaRun last = r;
        assertNull(last.outcome().error(), () -> last.outcome().error() + "\nserver:\n" + s.out.text() + s.err.text());
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    @Test
    void secondClientGetsAccessDeniedWhileATestRuns() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            Thread first = new Thread(() -> Net.javaClient(Net.client(s.port(), 2, false, false, false, 1)));
            first.start();
            Thread.sleep(700);
            try (Socket c = connect(s.port())) {
                assertEquals(0xFF, readByte(c.getInputStream()), "ACCESS_DENIED without reading anything");
                assertEquals(-1, c.getInputStream().read(), "then closed");
            }
            Net.JavaRun second = Net.javaClient(Net.client(s.port(), 1, false, false, false, 1));
            assertEquals("the server is busy running a test. try again later", second.outcome().error());
            first.join(10_000);
            nextClientIsServed(s);
        }
    }

    @Test
    void nativeClientSeesTheBusyMessage() throws Exception {
        NativeTools.assumeInstalled("iperf3");
        try (Net.JavaServer s = new Net.JavaServer()) {
            Thread first = new Thread(() -> Net.javaClient(Net.client(s.port(), 2, false, false, false, 1)));
            first.start();
            Thread.sleep(700);
            NativeTool.Result r = NativeTool.run(List.of("iperf3", "-c", Net.LOOPBACK, "-p", Integer.toString(s.port()), "-t", "1"),
                    null, java.time.Duration.ofSeconds(20));
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().contains("the server is busy running a test. try again later"), r.stderr());
            first.join(10_000);
        }
    }

    @Test
    void halfSentCookieDoesNotHoldTheServer() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer(ServerOptions.defaults().withCtrlTimeoutMs(1000));
             Socket stalled = connect(s.port())) {
            stalled.getOutputStream().write("abcde".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            nextClientIsServed(s); // no need to wait for the stalled one's timeout
            stalled.setSoTimeout(3000);
            assertEquals(-1, stalled.getInputStream().read(), "dropped after --ctrl-timeout");
        }
    }

    @Test
    void clientThatStallsAfterItsCookieIsDroppedAfterTheTimeout() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer(ServerOptions.defaults().withCtrlTimeoutMs(500));
             Socket stalled = connect(s.port())) {
            stalled.getOutputStream().write(Cookie.make());
            assertEquals(Iperf3.PARAM_EXCHANGE, readByte(stalled.getInputStream()));
            Net.JavaRun busy = Net.javaClient(Net.client(s.port(), 1, false, false, false, 1));
            assertEquals("the server is busy running a test. try again later", busy.outcome().error());
            // no parameters within 500 ms: SERVER_ERROR, closed
            DataInputStream in = new DataInputStream(stalled.getInputStream());
            assertEquals(0xFE, in.readUnsignedByte());
            assertEquals(Iperf3.IERECVPARAMS, in.readInt());
            in.readInt();
            assertEquals(-1, in.read());
            nextClientIsServed(s);
        }
    }

    @Test
    void oversizeParameterLengthIsRefusedNotAllocated() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            for (int len : new int[] {0xFFFFFFFF, Iperf3.MAX_PARAMS_JSON + 1, 0}) {
                try (Socket c = connect(s.port())) {
                    DataOutputStream out = new DataOutputStream(c.getOutputStream());
                    out.write(Cookie.make());
                    out.writeInt(len);
                    out.flush();
                    DataInputStream in = new DataInputStream(c.getInputStream());
                    assertEquals(Iperf3.PARAM_EXCHANGE, in.readUnsignedByte());
                    assertEquals(0xFE, in.readUnsignedByte(), "SERVER_ERROR for length " + len);
                    assertEquals(Iperf3.IERECVPARAMS, in.readInt());
                    in.readInt();
                    assertEquals(-1, in.read());
                }
            }
            assertTrue(s.err.text().contains("out of bounds"), s.err.text());
            nextClientIsServed(s);
        }
    }

    @Test
    void badParameterValuesGetIperf3sErrorNumbers() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            String[] params = {"{\"tcp\":true,\"parallel\":100000}", "{\"udp\":true,\"len\":70000}", "not json at all",
                    "{\"time\":1e300}"};
            int[] expected = {Iperf3.IENUMSTREAMS, Iperf3.IEUDPBLOCKSIZE, Iperf3.IERECVPARAMS, Iperf3.IEDURATION};
            for (int i = 0; i < params.length; i++) {
                try (Socket c = connect(s.port())) {
                    byte[] j = params[i].getBytes(StandardCharsets.UTF_8);
                    DataOutputStream out = new DataOutputStream(c.getOutputStream());
                    out.write(Cookie.make());
                    out.writeInt(j.length);
                    out.write(j);
                    out.flush();
                    DataInputStream in = new DataInputStream(c.getInputStream());
                    assertEquals(Iperf3.PARAM_EXCHANGE, in.readUnsignedByte());
                    assertEquals(0xFE, in.readUnsignedByte());
                    assertEquals(expected[i], in.readInt(), params[i]);
                }
            }
            nextClientIsServed(s);
        }
    }

    @Test
    void garbageInsteadOfAProtocolEndsOnlyThatConnection() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            try (Socket c = connect(s.port())) {
                c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                DataInputStream in = new DataInputStream(c.getInputStream());
                assertEquals(Iperf3.PARAM_EXCHANGE, in.readUnsignedByte()); // 37 bytes were "a cookie"
                assertEquals(0xFE, in.readUnsignedByte()); // then "\r\nGET" is not a sane JSON length
            }
            try (Socket c = connect(s.port())) {
                // a well-formed start, then an unknown state byte during CREATE_STREAMS
                byte[] j = "{\"tcp\":true,\"time\":1}".getBytes(StandardCharsets.UTF_8);
                DataOutputStream out = new DataOutputStream(c.getOutputStream());
                out.write(Cookie.make());
                out.writeInt(j.length);
                out.write(j);
                out.flush();
                DataInputStream in = new DataInputStream(c.getInputStream());
                assertEquals(Iperf3.PARAM_EXCHANGE, in.readUnsignedByte());
                assertEquals(Iperf3.CREATE_STREAMS, in.readUnsignedByte());
                out.write(99);
                out.flush();
                assertEquals(0xFE, in.readUnsignedByte());
                assertEquals(Iperf3.IEMESSAGE, in.readInt());
            }
            nextClientIsServed(s);
        }
    }

    @Test
    void dataConnectionWithAWrongCookieIsDenied() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer(); Socket ctrl = connect(s.port())) {
            byte[] cookie = Cookie.make();
            byte[] j = "{\"tcp\":true,\"time\":1,\"parallel\":1}".getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(ctrl.getOutputStream());
            out.write(cookie);
            out.writeInt(j.length);
            out.write(j);
            out.flush();
            DataInputStream in = new DataInputStream(ctrl.getInputStream());
            assertEquals(Iperf3.PARAM_EXCHANGE, in.readUnsignedByte());
            assertEquals(Iperf3.CREATE_STREAMS, in.readUnsignedByte());
            try (Socket data = connect(s.port())) {
                data.getOutputStream().write(Cookie.make());
                assertEquals(0xFF, readByte(data.getInputStream()));
            }
            try (Socket data = connect(s.port())) {
                data.getOutputStream().write(cookie);
                assertEquals(Iperf3.TEST_START, in.readUnsignedByte());
                assertEquals(Iperf3.TEST_RUNNING, in.readUnsignedByte());
            }
        }
    }

    @Test
    void clientKilledMidTestFreesTheServerAtOnce() throws Exception {
        NativeTools.assumeInstalled("iperf3");
        try (Net.JavaServer s = new Net.JavaServer()) {
            for (String mode : new String[] {"", "-R", "-u"}) {
                List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", Net.LOOPBACK, "-p", Integer.toString(s.port()),
                        "-t", "30"));
                if (!mode.isEmpty()) {
                    cmd.add(mode);
                }
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    Thread.sleep(800);
                } finally {
                    p.destroyForcibly(); // SIGKILL: no CLIENT_TERMINATE, just closed sockets
                    assertTrue(p.waitFor(5, TimeUnit.SECONDS));
                }
                nextClientIsServed(s);
            }
            assertTrue(s.err.text().contains("the client has unexpectedly closed the connection"), s.err.text());
        }
    }

    @Test
    void listensOnTheBindAddressOnly() throws Exception {
        try (Net.JavaServer s = new Net.JavaServer()) {
            InetSocketAddress v6 = new InetSocketAddress("::1", s.port());
            try (Socket c = new Socket()) {
                c.connect(v6, 1000);
                throw new AssertionError("connected on ::1 though the server listens on 127.0.0.1 only");
            } catch (IOException expected) {
                // refused (or no IPv6 at all): either way not served there
            }
        }
    }

    @Test
    void stoppingTheServerTellsTheClient() throws Exception {
        Net.JavaServer s = new Net.JavaServer();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                return;
            }
            s.close();
        });
        stopper.start();
        Net.JavaRun r = Net.javaClient(Net.client(s.port(), 5, false, false, false, 1));
        stopper.join();
        assertEquals("the server has terminated", r.outcome().error());
        assertTrue(r.out().contains("sender"), "the summary so far was printed:\n" + r.out());
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress(Net.LOOPBACK, s.port()), 1000);
            throw new AssertionError("still listening after close");
        } catch (SocketTimeoutException | java.net.ConnectException expected) {
            // closed
        }
    }
}

package io.virtbench.http.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP server on 127.0.0.1 that misbehaves on purpose, for the failure tests: what it does
 * with the i-th request (0-based, over all connections) is {@code behavior.apply(i)}. It counts
 * the connections it accepts and keeps the raw bytes of every request head.
 */
public final class MisbehavingServer implements AutoCloseable {

    /** What to do with one request. */
    public enum Action {
        /** A 200 response with a {@link #BODY}-byte body; keeps the connection when asked to. */
        OK,
        /** Content-Length says 100 but only 70 body bytes come, then the connection closes. */
        SHORT,
        /** A 404 with a 100-byte body. */
        NOT_FOUND,
        /** Header and half the body, then a TCP reset. */
        RESET_MID_BODY,
        /** Reads the request and never answers. */
        STALL,
        /** Closes the connection without a byte of response. */
        CLOSE,
        /** 9000 bytes of header without an end. */
        BIG_HEADER,
        /** An HTTP/1.1 chunked response of {@link #BODY} bytes, keeping the connection. */
        CHUNKED,
        /** Answers OK after 20 ms. */
        SLOW
    }

    public static final int BODY = 100;

    private final ServerSocket socket;
    private final IntFunction<Action> behavior;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    public final List<byte[]> heads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** With {@link #killAt}: the request index at which the server dies, -1 = never. */
    private volatile int killAt = -1;

    public MisbehavingServer(IntFunction<Action> behavior) throws IOException {
        this.behavior = behavior;
        this.socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public static MisbehavingServer always(Action a) throws IOException {
        return new MisbehavingServer(i -> a);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int accepted() {
        return accepted.get();
    }

    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (!closed) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                String h = new String(head, StandardCharsets.ISO_8859_1);
                int body = contentLength(h);
                in.readNBytes(body);
                boolean keepAlive = h.toLowerCase(Locale.ROOT).contains("connection: keep-alive")
                        || h.startsWith("GET / HTTP/1.1") && !h.toLowerCase(Locale.ROOT).contains("connection: close");
                int i = requests.getAndIncrement();
                if (i == killAt) {
                    kill();
                    return;
                }
                if (!act(behavior.apply(i), s, out, keepAlive)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or close() reset the connection
        } finally {
            open.remove(s);
        }
    }

    /** Performs {@code a}; true to read the next request on this connection. */
    private boolean act(Action a, Socket s, OutputStream out, boolean keepAlive) throws IOException {
        String body = "x".repeat(BODY);
        switch (a) {
            case OK, SLOW -> {
                if (a == Action.SLOW) {
                    sleep(20);
                }
                out.write(("HTTP/1.0 200 OK\r\nServer: Misbehaving/1.0 (test)\r\nContent-Length: " + BODY + "\r\n"
                        + (keepAlive ? "Connection: Keep-Alive\r\n" : "") + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return keepAlive;
            }
            case SHORT -> {
                out.write(("HTTP/1.0 200 OK\r\nServer: Misbehaving/1.0\r\nContent-Length: " + BODY + "\r\n\r\n"
                        + body.substring(0, 70)).getBytes(StandardCharsets.ISO_8859_1));
                return false;
            }
            case NOT_FOUND -> {
                out.write(("HTTP/1.0 404 Not Found\r\nServer: Misbehaving/1.0\r\nContent-Length: " + BODY + "\r\n"
                        + (keepAlive ? "Connection: Keep-Alive\r\n" : "") + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return keepAlive;
            }
            case RESET_MID_BODY -> {
                out.write(("HTTP/1.0 200 OK\r\nServer: Misbehaving/1.0\r\nContent-Length: " + BODY + "\r\n\r\n"
                        + body.substring(0, 50)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sleep(20);
                s.setSoLinger(true, 0);
                return false;
            }
            case STALL -> {
                while (!closed && !s.isClosed()) {
                    sleep(20);
                    if (s.getInputStream().available() < 0) {
                        break;
                    }
                }
                return false;
            }
            case CLOSE -> {
                return false;
            }
            case BIG_HEADER -> {
                out.write(("HTTP/1.0 200 OK\r\nX-Big: " + "y".repeat(9000)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sleep(50);
                return false;
            }
            case CHUNKED -> {
                out.write(("HTTP/1.1 200 OK\r\nServer: Misbehaving/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "28\r\n" + "x".repeat(40) + "\r\n3c;ext=1\r\n" + "x".repeat(60) + "\r\n0\r\nX-Trailer: 1\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return true;
            }
            default -> throw new IllegalStateException(a.toString());
        }
    }

    /** The request head up to and including the empty line, or null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = switch (state) {
                case 0 -> c == '\r' ? 1 : 0;
                case 1 -> c == '\n' ? 2 : c == '\r' ? 1 : 0;
                case 2 -> c == '\r' ? 3 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return b.toByteArray();
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Dies (see {@link #kill}) when request {@code i} (0-based) arrives. */
    MisbehavingServer killAt(int i) {
        killAt = i;
        return this;
    }

    /** Like a killed server: the listener goes away and every open connection is reset. */
    void kill() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (SocketException e) {
                // already closed
            } catch (IOException e) {
                // ignore
            }
        }
    }

    @Override
    public void close() {
        kill();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

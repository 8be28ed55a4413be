package io.virtbench.boot;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Stopwatch;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The boot beacon: a guest's init runs {@code virtbench beacon HOST:PORT}, which sends a UDP
 * datagram "virtbench-beacon ..." every interval until the host's {@code virtbench boot
 * --ready beacon:PORT} answers "virtbench-beacon-ack" (or the sender's timeout passes). The
 * receiver accepts any datagram that starts with "virtbench-beacon", so a guest without Java
 * can send one from its shell: {@code echo virtbench-beacon > /dev/udp/HOST/PORT}.
 */
public final class Beacon {
    public static final String MAGIC = "virtbench-beacon";
    public static final String ACK = "virtbench-beacon-ack";
    private static final int MAX_DATAGRAM = 1024;

    private Beacon() {
    }

    /** What the sender achieved: how many datagrams it sent and how long until the ack came. */
    public record Sent(int datagrams, double seconds, boolean acknowledged) {
    }

    /**
     * A beacon as received: when (nanoseconds after the start of the stopwatch the listener was
     * given, the launch's), from where, and its text.
     */
    public record Received(long elapsedNanos, String from, String payload) {
        /** The guest's uptime the sender reported, or NaN. */
        public double uptimeSeconds() {
            for (String part : payload.split("\\s+")) {
                if (part.startsWith("uptime=")) {
                    try {
                        return Double.parseDouble(part.substring(7));
                    } catch (NumberFormatException e) {
                        return Double.NaN;
                    }
                }
            }
            return Double.NaN;
        }
    }

    /** The text a sender puts in each datagram: magic, host name, and /proc/uptime when readable. */
    static String payload(int sequence) {
        StringBuilder b = new StringBuilder(MAGIC).append(" seq=").append(sequence);
        try {
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!host.isEmpty() && !host.contains(" ")) {
                b.append(" host=").append(host);
            }
        } catch (IOException | RuntimeException e) {
            // no host name: the datagram still counts
        }
        try {
            String up = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
            b.append(" uptime=").append(up);
        } catch (IOException | RuntimeException e) {
            // not Linux: no uptime
        }
        return b.toString();
    }

    /**
     * Sends beacons to {@code host:port} every {@code interval} seconds until acknowledged or
     * {@code timeout} seconds pass. Never blocks longer than the timeout.
     */
    public static Sent send(String host, int port, double timeout, double interval) {
        return send(host, port, timeout, interval, () -> false);
    }

    /** As {@link #send(String, int, double, double)}, ending early (unacknowledged) once {@code stop} says so. */
    public static Sent send(String host, int port, double timeout, double interval, BooleanSupplier stop) {
        if (!(timeout > 0)) {
            throw UserException.usage("invalid value for --timeout: " + timeout + " (must be > 0 seconds)");
        }
        if (!(interval >= 0.001)) {
            throw UserException.usage("invalid value for --interval: " + interval + " (must be >= 0.001 seconds)");
        }
        InetAddress to;
        try {
            to = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserException("cannot resolve beacon host '" + host + "'");
        }
        Stopwatch sending = Stopwatch.start();
        Deadline deadline = Deadline.after(sending, (long) (timeout * 1e9));
        int sent = 0;
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] buf = new byte[MAX_DATAGRAM];
            while (!deadline.passed() && !stop.getAsBoolean()) {
                byte[] data = payload(++sent).getBytes(StandardCharsets.UTF_8);
                try {
                    s.send(new DatagramPacket(data, data.length, to, port));
                } catch (IOException e) {
                    // network not up yet (ENETUNREACH) or a refusal: keep trying until the deadline
                }
                Deadline waitUntil = deadline.within((long) (interval * 1e9));
                while (true) {
                    long left = waitUntil.remainingNanos();
                    if (left <= 0) {
                        break;
                    }
                    s.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                        if (text.startsWith(ACK)) {
                            return new Sent(sent, sending.elapsedSeconds(), true);
                        }
                    } catch (SocketTimeoutException e) {
                        break;
                    } catch (IOException e) {
                        // ICMP port unreachable surfaces here on a connected socket: keep sending
                        sleepQuietly(left);
                        break;
                    }
                }
            }
        } catch (SocketException e) {
            throw new UserException("cannot open a UDP socket for the beacon: " + e.getMessage());
        }
        return new Sent(sent, sending.elapsedSeconds(), false);
    }

    private static void sleepQuietly(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The host side: a UDP socket bound before the launch, waiting for the first beacon. */
    public static final class Listener implements Closeable {
        private final DatagramSocket socket;
        private int ignored;

        /** Binds {@code port} on {@code bindHost} (null: every address, since the guest is on another network). */
        public Listener(String bindHost, int port) {
            try {
                InetSocketAddress at = bindHost == null ? new InetSocketAddress(port)
                        : new InetSocketAddress(InetAddress.getByName(bindHost), port);
                socket = new DatagramSocket(at);
            } catch (UnknownHostException e) {
                throw UserException.usage("invalid value for --ready: cannot resolve '" + bindHost + "'");
            } catch (SocketException e) {
                throw new UserException("cannot listen for the beacon on UDP port " + port + ": " + e.getMessage());
            }
        }

        public int port() {
            return socket.getLocalPort();
        }

        /** Datagrams that arrived but were not beacons. */
        public int ignored() {
            return ignored;
        }

        /**
         * Waits for a beacon until {@code deadline}, checking {@code giveUp} every {@code slice}
         * seconds; answers it with an ack. Null if none came. The beacon's time is taken on
         * {@code since}, the stopwatch of the job it ends.
         */
        public Received await(Deadline deadline, Stopwatch since, double slice, BooleanSupplier giveUp) throws IOException {
            byte[] buf = new byte[MAX_DATAGRAM];
            while (true) {
                long left = deadline.remainingNanos();
                if (left <= 0 || giveUp.getAsBoolean()) {
                    return null;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(left, (long) (slice * 1e9)) / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                long at = since.elapsedNanos();
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).strip();
                if (!text.startsWith(MAGIC) || text.startsWith(ACK)) {
                    ignored++;
                    continue;
                }
                byte[] ack = ACK.getBytes(StandardCharsets.UTF_8);
                try {
                    socket.send(new DatagramPacket(ack, ack.length, p.getSocketAddress()));
                } catch (IOException e) {
                    // the sender will time out on its own; the beacon counted
                }
                String from = p.getAddress().getHostAddress() + ":" + p.getPort();
                return new Received(at, from, text.length() > 200 ? text.substring(0, 200) : text);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Where a beacon goes. */
    public record Address(String host, int port) {
        /** "HOST:PORT" or "[V6]:PORT"; a usage error naming {@code what} otherwise. */
        public static Address parse(String spec, String what) {
            int c = spec == null ? -1 : spec.lastIndexOf(':');
            if (c <= 0 || c == spec.length() - 1) {
                throw UserException.usage("invalid value for " + what + ": '" + spec + "' (expected HOST:PORT)");
            }
            String host = spec.substring(0, c);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(spec.substring(c + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Address(host, port);
            } catch (NumberFormatException e) {
                throw UserException.usage("invalid value for " + what + ": '" + spec + "' (port must be 1..65535)");
            }
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}

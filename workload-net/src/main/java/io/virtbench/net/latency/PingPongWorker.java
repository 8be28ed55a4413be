package io.virtbench.net.latency;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;

/**
 * One round trip per event, as sockperf's ping-pong client: send a pong request, block in the
 * receive until its answer is in. Blocking channels make one send and one receive system call
 * per round trip, as sockperf's {@code recvfrom} mode; the buffers are direct and reused, so
 * the loop allocates nothing. A {@link ReplyWatchdog} closes the channel when an answer does
 * not come (a lost datagram would otherwise block for ever).
 */
final class PingPongWorker implements Worker {
    static final int CONNECT_TIMEOUT_MS = 5000;

    private final LatencyOptions o;
    private final ByteChannel channel;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private final ReplyWatchdog watchdog;
    private long seq;

    private PingPongWorker(LatencyOptions o, ByteChannel channel, ReplyWatchdog watchdog) {
        this.o = o;
        this.channel = channel;
        this.watchdog = watchdog;
        this.out = ByteBuffer.allocateDirect(o.msgSize());
        // UDP: room for a larger datagram than ours, so that a wrong answer is seen, not truncated
        this.in = ByteBuffer.allocateDirect(o.tcp() ? o.msgSize() : Sockperf.MAX_UDP);
    }

    /** Connects to the server (TCP) or to its address (UDP: answers from elsewhere are dropped by the kernel). */
    static PingPongWorker open(LatencyOptions o, ReplyWatchdog watchdog) throws IOException {
        InetAddress address = resolve(o.ip());
        InetSocketAddress server = new InetSocketAddress(address, o.port());
        ByteChannel ch;
        if (o.tcp()) {
            SocketChannel s = SocketChannel.open();
            try {
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                s.socket().connect(server, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                s.close();
                throw new UserException("cannot connect to " + o.ip() + " port " + o.port() + " (TCP): " + e.getMessage(), e);
            }
            ch = s;
        } else {
            DatagramChannel d = DatagramChannel.open(address instanceof java.net.Inet4Address
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            d.connect(server);
            ch = d;
        }
        PingPongWorker w = new PingPongWorker(o, ch, watchdog);
        watchdog.watch(ch);
        return w;
    }

    static InetAddress resolve(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw UserException.usage("invalid value for -i/--ip: unknown address '" + ip + "'");
        }
    }

    @Override
    public void event(Counters counters) throws Exception {
        long s = ++seq;
        Sockperf.putRequest(out, s, o.msgSize());
        out.clear();
        watchdog.waiting(s);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (o.tcp()) {
                receiveTcp(s);
            } else {
                receiveUdp(s, counters);
            }
        } catch (PortUnreachableException e) {
            throw new IOException("nothing listens on " + o.ip() + " port " + o.port() + " (UDP: port unreachable)");
        } catch (ClosedChannelException e) {
            throw watchdog.timedOut() ? new IOException("no answer to message " + s + " within "
                    + ReplyWatchdog.REPLY_TIMEOUT_MS + " ms (the server stopped, or the datagram was lost)") : e;
        }
        watchdog.answered();
        counters.add(Counter.BYTES_WRITTEN, o.msgSize());
        counters.add(Counter.BYTES_READ, o.msgSize());
    }

    private void receiveUdp(long s, Counters counters) throws IOException {
        while (true) {
            in.clear();
            int n = channel.read(in);
            if (n >= Sockperf.HEADER && Sockperf.length(in, 0) == n && Sockperf.seq(in, 0) == s
                    && (Sockperf.flags(in, 0) & Sockperf.FLAG_CLIENT) == 0) {
                if (n != o.msgSize()) {
                    throw new IOException("the answer to message " + s + " has " + n + " bytes, the message " + o.msgSize());
                }
                return;
            }
            // an answer to an earlier message, or not a sockperf answer: not this round trip's
            counters.increment(Counter.ERRORS);
        }
    }

    private void receiveTcp(long s) throws IOException {
        in.clear();
        while (in.position() < Sockperf.HEADER || in.position() < Math.min(Sockperf.length(in, 0), in.capacity())) {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection");
            }
        }
        int length = Sockperf.length(in, 0);
        if (length != o.msgSize() || Sockperf.seq(in, 0) != s || (Sockperf.flags(in, 0) & Sockperf.FLAG_CLIENT) != 0) {
            throw new IOException("unexpected answer to message " + s + ": sequence " + Sockperf.seq(in, 0) + ", length "
                    + length + ", flags " + Sockperf.flags(in, 0));
        }
    }

    @Override
    public void close() throws IOException {
        watchdog.unwatch();
        channel.close();
    }
}

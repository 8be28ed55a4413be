package io.virtbench.net.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.virtbench.net.protocol.Iperf3;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The data path of one stream: writes blocks (TCP) or datagrams (UDP) as iperf_send does, with its
 * average-rate pacing ("green light"), and counts what it reads as iperf_tcp_recv /
 * iperf_udp_recv do. Nothing is allocated per block: a TCP sender writes retained duplicates of
 * one pooled buffer (Netty recycles the duplicates), a UDP sender cycles through a ring of pooled
 * datagram buffers whose 12- or 16-byte header it rewrites; the receivers only count and release.
 *
 * <p>Bytes count as sent when they are handed to Netty; the channel's write-buffer watermarks
 * keep at most a few blocks in user space, so that is within a few blocks of what the kernel has
 * taken, and nothing counted is ever dropped (the rest is flushed after the test ends).
 */
public final class StreamIo extends ChannelInboundHandlerAdapter implements Runnable {

    /** What the stream needs from its test's owner (client or server session). */
    public interface Owner {
        IperfSession test();

        /** True while the test state is TEST_RUNNING (bytes count only then). */
        boolean running();

        /** Called after a batch was sent or data was received: the client checks its end conditions. */
        void progressed();

        /** True if {@link #progressed} must see every read at once (a test that ends by bytes or blocks). */
        default boolean countsEachRead() {
            return false;
        }

        /** A data channel closed or failed. */
        void streamFailed(StreamIo io, Throwable cause);

        /** UDP client: the server answered the hello (or did not: {@code error} is set). */
        default void udpConnected(StreamIo io, String error) {
        }
    }

    /**
     * Blocks written per round without a target rate before the loop looks at its other sockets
     * and timers again (iperf3's multisend, 10). With a rate, one block per round (or one burst),
     * so consecutive datagrams are spaced by a turn of the event loop, as by iperf3's select().
     */
    private static final int MULTISEND = 10;
    private static final int UDP_RING = 16;

    final Owner owner;
    final boolean udp;
    public final boolean sender;
    final int len;
    private final boolean udp64;
    private final boolean repeatingPayload;
    IperfStream sp;
    public Channel channel;
    private ByteBuf payload;
    private ByteBuf[] ring;
    private int ringIndex;
    private boolean scheduled;
    /** The next round waits behind the loop's due timers (see {@link #yieldToTimers}). */
    private boolean yielded;
    private final Runnable afterTimers = () -> {
        yielded = false;
        pump();
    };
    private ScheduledFuture<?> pacingTimer;
    private boolean closingExpected;
    /** A UDP receiver's reading thread, once the test runs (null: the loop reads). */
    private UdpReceiver receiver;

    // UDP client hello state
    private boolean awaitingHelloReply;
    private int helloBytesSeen;
    private int helloLimit;

    public StreamIo(Owner owner, boolean udp, boolean sender, int len, boolean udp64, boolean repeatingPayload) {
        this.owner = owner;
        this.udp = udp;
        this.sender = sender;
        this.len = len;
        this.udp64 = udp64;
        this.repeatingPayload = repeatingPayload;
    }

    /** Watermarks that keep only a few blocks queued in user space (see the class comment). */
    public static io.netty.channel.WriteBufferWaterMark waterMark(boolean udp, int len) {
        if (udp) {
            return new io.netty.channel.WriteBufferWaterMark(2 * len, (UDP_RING / 2) * len);
        }
        return new io.netty.channel.WriteBufferWaterMark(len, 2 * len);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (sender) {
            if (udp) {
                ring = new ByteBuf[UDP_RING];
                byte[] data = payloadBytes(len);
                for (int i = 0; i < ring.length; i++) {
                    ring[i] = ctx.alloc().directBuffer(len, len).writeBytes(data);
                }
            } else {
                // a pooled buffer: its retainedDuplicate() comes from a recycler, so writing allocates nothing
                payload = PooledByteBufAllocator.DEFAULT.directBuffer(len, len).writeBytes(payloadBytes(len));
            }
        }
    }

    private byte[] payloadBytes(int n) {
        byte[] b = new byte[n];
        if (repeatingPayload) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ('0' + i % 10);
            }
        } else {
            ThreadLocalRandom.current().nextBytes(b);
        }
        return b;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        cancelPacing();
        if (payload != null) {
            payload.release();
            payload = null;
        }
        if (ring != null) {
            for (ByteBuf b : ring) {
                b.release();
            }
            ring = null;
        }
    }

    public void attach(IperfStream stream) {
        this.sp = stream;
    }

    /**
     * How long after the test's start iperf3's pacing timer ticks, besides whole periods: it is
     * created at TEST_START a few microseconds after the end and stats timers (iperf_create_send_timers
     * after create_client_timers), so at a whole second the interval is closed before the next
     * datagram goes out, and at the end of the test the test is over before a datagram due at
     * that instant is sent. Started from TEST_RUNNING instead (or later than iperf3 would, as slower
     * code does), ticks fall a little earlier in each period: at iperf3's default 1 Mbit/s with
     * 32 KiB datagrams that sent one datagram more (33 in 8 s), right into the end of the test.
     */
    static final long PACING_AFTER_START_NS = 10_000;

    /**
     * Nanoseconds from {@code nowNs} to the next tick of a periodic timer whose ticks fall at
     * {@code anchorNs + k * periodNs}, k >= 1 (a timer created at {@code anchorNs}).
     */
    static long firstTickDelay(long nowNs, long anchorNs, long periodNs) {
        long since = nowNs - anchorNs;
        return since < 0 ? periodNs - since : periodNs - since % periodNs;
    }

    /** TEST_RUNNING: start writing (and, with a target rate, the pacing timer, in phase with the test's start). */
    public void startSending(long rate, int pacingTimerUs) {
        if (!sender) {
            return;
        }
        if (rate != 0) {
            long period = pacingTimerUs * 1000L;
            long first = sp == null ? period
                    : firstTickDelay(owner.test().meter.sinceStartNanos(), PACING_AFTER_START_NS, period);
            pacingTimer = channel.eventLoop().scheduleAtFixedRate(this::pacingTick, first, period, TimeUnit.NANOSECONDS);
        }
        schedule();
    }

    public void cancelPacing() {
        if (pacingTimer != null) {
            pacingTimer.cancel(false);
            pacingTimer = null;
        }
    }

    /** The test is over for this stream: no more writes; its closing is not an error. */
    public void stop() {
        closingExpected = true;
        cancelPacing();
        if (receiver != null) {
            receiver.stop();
        }
    }

    private void pacingTick() {
        checkThrottle();
        if (sp != null && sp.greenLight && !scheduled) {
            pump();
        }
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            channel.eventLoop().execute(this);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        pump();
    }

    /** iperf_check_throttle: green while the average rate since the start is below the target. */
    private void checkThrottle() {
        IperfSession t = owner.test();
        long rate = t.settings.rate;
        if (t.done || rate == 0 || sp == null) {
            return;
        }
        double seconds = IperfTime.secs(t.meter.sinceStartUs());
        long bps = (long) (sp.counter.bytes() * 8 / seconds);
        sp.greenLight = bps < rate;
    }

    /**
     * Rounds queue themselves with execute(), and Netty's own flush task re-enters pump() through
     * writability; both run in the same pass over the task queue, where Netty does not look at its
     * timers (up to a second: a TCP sender on loopback fired the -O timer 0.9 s late). iperf3 runs
     * its timers after every round; here a round that finds a timer due goes behind it instead. This
     * allocates one scheduled task per due timer (a few a second), not one per round.
     */
    private boolean yieldToTimers() {
        if (yielded) {
            return true;
        }
        if (Transport.timerDue(channel.eventLoop())) {
            yielded = true;
            channel.eventLoop().schedule(afterTimers, 0, TimeUnit.NANOSECONDS);
            return true;
        }
        return false;
    }

    /** iperf_send for this stream: as many blocks as the rate, the watermark and one batch allow. */
    private void pump() {
        IperfSession t = owner.test();
        if (sp == null || !owner.running() || t.done || !sp.greenLight || !channel.isActive() || closingExpected) {
            return;
        }
        if (yieldToTimers()) {
            return;
        }
        long rate = t.settings.rate;
        int burst = t.settings.burst;
        boolean checkEach = rate != 0 && burst == 0;
        int budget = burst != 0 ? burst : rate == 0 ? MULTISEND : 1;
        // iperf_send checks -n/-k before a send only when it sends several per round (unpaced, or bursts)
        boolean multisend = burst > 1 || (burst == 0 && rate == 0);
        long bytesLimit = multisend ? t.settings.bytes : 0;
        long blocksLimit = multisend ? t.settings.blocks : 0;
        int sent = 0;
        while (sent < budget && channel.isWritable()) {
            if (bytesLimit != 0 && t.bytesSent >= bytesLimit) {
                break;
            }
            if (blocksLimit != 0 && t.blocksSent >= blocksLimit) {
                break;
            }
            ByteBuf b = udp ? nextDatagram() : payload.retainedDuplicate();
            if (b == null) {
                break;
            }
            // one block, one system call, as iperf3's write(2) per block: batching several blocks per
            // writev would be cheaper, which matters where system calls are expensive (gVisor), and a
            // datagram leaves right after its timestamp
            channel.writeAndFlush(b, channel.voidPromise());
            sp.counter.add(len);
            t.bytesSent += len;
            t.blocksSent++;
            sent++;
            if (!multisend && (t.settings.bytes != 0 || t.settings.blocks != 0)) {
                owner.progressed(); // iperf3 sends one per round and checks -n/-k after each round
                if (t.done) {
                    break;
                }
            }
            if (checkEach) {
                checkThrottle();
                if (!sp.greenLight) {
                    break;
                }
            }
        }
        if (rate != 0 && !checkEach) {
            checkThrottle();
        }
        if (sent > 0) {
            owner.progressed();
        }
        if (sent == budget && sp.greenLight && channel.isWritable() && owner.running() && !t.done) {
            schedule();
        }
    }

    /** The next ring buffer with a fresh header, or null if all are still queued in Netty. */
    private ByteBuf nextDatagram() {
        ByteBuf b = ring[ringIndex];
        if (b.refCnt() != 1) {
            return null;
        }
        ringIndex = (ringIndex + 1) % ring.length;
        long now = IperfTime.stampUs();
        sp.packetCount++;
        b.setIndex(0, len);
        b.setInt(0, (int) (now / 1_000_000));
        b.setInt(4, (int) (now % 1_000_000));
        if (udp64) {
            b.setLong(8, sp.packetCount);
        } else {
            b.setInt(8, (int) sp.packetCount);
        }
        return b.retain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            pump();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** UDP client: write the hello and wait for the server's reply (udp.c iperf_udp_connect). */
    public void sendHello(boolean reverse) {
        awaitingHelloReply = true;
        helloBytesSeen = 0;
        helloLimit = 4 + (reverse ? Iperf3.MAX_REVERSE_OUT_OF_ORDER_PACKETS * len : 0);
        channel.writeAndFlush(channel.alloc().buffer(4).writeBytes(Iperf3.UDP_CONNECT_MSG));
    }

    static boolean isHelloReply(ByteBuf c) {
        if (c.readableBytes() != 4) {
            return false;
        }
        byte[] b = new byte[4];
        c.getBytes(c.readerIndex(), b);
        return Arrays.equals(b, Iperf3.UDP_CONNECT_REPLY) || Arrays.equals(b, Iperf3.LEGACY_UDP_CONNECT_REPLY_LE)
                || Arrays.equals(b, Iperf3.UDP_CONNECT_REPLY_BE_HOST) || Arrays.equals(b, Iperf3.LEGACY_UDP_CONNECT_REPLY_BE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf c = msg instanceof DatagramPacket p ? p.content() : (ByteBuf) msg;
            int n = c.readableBytes();
            if (awaitingHelloReply) {
                helloBytesSeen += n;
                if (isHelloReply(c)) {
                    awaitingHelloReply = false;
                    owner.udpConnected(this, null);
                } else if (helloBytesSeen >= helloLimit) {
                    awaitingHelloReply = false;
                    owner.udpConnected(this, Iperf3.errorMessage(Iperf3.IESTREAMREAD) + ": no valid reply to the UDP hello");
                }
                return;
            }
            if (!counting(false)) {
                return;
            }
            if (udp) {
                int header = udp64 ? 16 : 12;
                if (n >= header) {
                    int r = c.readerIndex();
                    long sec = c.getUnsignedInt(r);
                    long usec = c.getUnsignedInt(r + 4);
                    long pcount = udp64 ? c.getLong(r + 8) : c.getUnsignedInt(r + 8);
                    count(n, true, pcount, sec * 1_000_000L + usec, IperfTime.stampUs());
                    return;
                }
            }
            count(n, false, 0, 0, 0);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** iperf_udp_recv / iperf_tcp_recv's bookkeeping of {@code n} bytes read while the test runs. */
    private void count(int n, boolean udpHeader, long pcount, long sentUs, long arrivalUs) {
        if (udpHeader) {
            sp.udpReceived(n, pcount, sentUs, arrivalUs);
        } else {
            sp.counter.add(n);
        }
        IperfSession t = owner.test();
        t.bytesReceived += n;
        t.blocksReceived++;
        owner.progressed();
    }

    /**
     * A datagram read and time-stamped by this stream's {@link UdpReceiver}, counted on the loop.
     * {@code closing}: an interval (or the omit period) is being closed, so it counts even if the
     * test state has just left TEST_RUNNING (it arrived before).
     */
    void countReceived(int n, boolean udpHeader, long pcount, long sentUs, long arrivalUs, boolean closing) {
        if (!counting(closing)) {
            return;
        }
        count(n, udpHeader, pcount, sentUs, arrivalUs);
    }

    /**
     * Whether what was read counts now ({@code closing}: see {@link #countReceived}). Not once a
     * client has ended its test by -n/-k: iperf3 checks the limit after every read and counts
     * nothing after, so it receives exactly the limit; what a receiving thread read meanwhile
     * came too late (the loop's interval close at the end would otherwise count it).
     */
    boolean counting(boolean closing) {
        return sp != null && !sender && (closing || owner.running()) && !(owner.countsEachRead() && owner.test().done);
    }

    /**
     * A UDP receiving stream, before its peer can send data: its datagrams go to a blocking socket
     * of its own from now on, read at once by a thread of its own, where that can be done
     * ({@link UdpReceiver}); elsewhere the loop will read them from TEST_RUNNING on. The thread
     * reads before TEST_RUNNING because the sender may start first (the server's TEST_RUNNING
     * comes before the client's) and a side slow to get there (a cold JVM: 50 ms) would otherwise
     * let the socket's buffer overflow, a loss that is not the network's; what it reads is
     * counted only from TEST_RUNNING on ({@link UdpReceiver#drain}), as iperf3 counts what it reads
     * from then on, whenever it arrived.
     */
    public void prepareReceiving() {
        if (udp && !sender && receiver == null && !closingExpected) {
            receiver = UdpReceiver.takeOver(this, channel, len, udp64, owner.countsEachRead());
            if (receiver != null) {
                receiver.start(sp != null ? sp.id : 0);
            }
        }
    }

    /**
     * TEST_RUNNING: start counting. With a receiving thread the loop still reads the stream's Netty
     * socket too: what reached it before the takeover is among the thread's records already
     * ({@link UdpReceiver#adopt}, at most half its ring), and a network stack that delivered more
     * to it would otherwise lose them from the count.
     */
    public void startReceiving() {
        if (receiver != null && sp != null) {
            sp.receiver = receiver;
            receiver.drain(false); // what it read before TEST_RUNNING counts now
        }
        channel.config().setAutoRead(true);
    }

    /** The stream's receiving thread, from {@link #prepareReceiving} on; null where the loop reads. */
    UdpReceiver receiver() {
        return receiver;
    }

    /** The receiving thread failed to read: as a failed read on the loop. */
    void receiveFailed(Throwable cause) {
        if (!closingExpected) {
            owner.streamFailed(this, cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelPacing();
        if (receiver != null) {
            receiver.stop();
        }
        if (!closingExpected) {
            owner.streamFailed(this, null);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closingExpected) {
            owner.streamFailed(this, cause);
        }
    }
}

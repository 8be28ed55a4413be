package io.virtbench.net.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The receiving side of a UDP stream: a blocking socket read by a thread of its own, which
 * time-stamps each datagram the moment its read returns. The test's event loop does the
 * bookkeeping (iperf_udp_recv's arithmetic, in {@link IperfStream}) from those time stamps.
 *
 * <p>Why: at iperf3's default 1 Mbit/s over the loopback (four 32 KiB datagrams a second) a few
 * late arrivals decide the jitter figure, and a receiver that waits for readiness in an event
 * loop and then reads, with the loop doing its other work, reported about twice iperf3's jitter.
 * Measured side by side (module README): a thread in a blocking read, with the loop not woken per
 * datagram, lowered the receiver's jitter in most runs and cut its outliers (the loop's work no
 * longer reaches the time stamps), though it stays above iperf3's; a thread waiting in an epoll
 * set of its own changed nothing.
 *
 * <p>How: the stream's Netty channel stays the stream for everything else (its numbers, its
 * addresses, its closing); a JDK {@link DatagramChannel} bound to the same local address
 * (SO_REUSEADDR) and connected to the same peer takes over its datagrams ({@link #takeOver}), and
 * the Netty socket lets go of the peer, so the kernel delivers the peer's datagrams to the new
 * socket; what reached the Netty socket before goes first ({@link #adopt}). The server takes over
 * when every stream is there, before TEST_START (the client sends data only after TEST_RUNNING);
 * the client when the server answered the hello. The thread starts reading at once; what it reads is counted from TEST_RUNNING on, as
 * iperf3 counts what it reads then. Linux with Netty's epoll transport only (elsewhere the loop reads).
 *
 * <p>Records (size, sequence number, the sender's time stamp, the arrival) go through a
 * single-producer single-consumer ring to the loop. The loop is not woken for them: it counts them
 * when it closes an interval or the omit period ({@link IperfSession#drainReceivers}, so an interval
 * holds what arrived before it closed), when its --rcv-timeout watchdog looks, and when the ring
 * is half full; only a client that ends its test by bytes or blocks (-n, -k) has it woken after
 * every datagram. Where the test closes its intervals after their boundaries
 * ({@link IperfSession#closeLate}), a record stamped at or after the boundary still to be closed
 * waits for that close. Nothing is allocated per datagram.
 */
final class UdpReceiver implements Runnable {
    /** Records the ring holds: seconds of iperf3's default rate, milliseconds at 10 Gbit/s of 1460-byte datagrams. */
    static final int RING = 4096;
    private static final int MASK = RING - 1;

    private final StreamIo io;
    private final DatagramChannel socket;
    private final int header;
    private final boolean udp64;
    /** Wake the loop after every datagram (a client that ends its test by bytes or blocks checks each read). */
    private final boolean eager;
    private final ByteBuffer buffer;
    private final long[] sizes = new long[RING];
    private final long[] counts = new long[RING];
    private final long[] sent = new long[RING];
    private final long[] arrivals = new long[RING];
    /** Records written (by the receiving thread) and records taken (by the loop). */
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Runnable drainTask = () -> drain(false);
    private volatile boolean stopping;
    private Thread thread;

    private UdpReceiver(StreamIo io, DatagramChannel socket, int len, boolean udp64, boolean eager) {
        this.io = io;
        this.socket = socket;
        this.udp64 = udp64;
        this.header = udp64 ? 16 : 12;
        this.eager = eager;
        // as the loop's reads: a datagram longer than the block is cut to it (iperf3 reads blksize)
        this.buffer = ByteBuffer.allocateDirect(Math.max(len, 64));
    }

    /**
     * Moves the receiving of connected datagram channel {@code ch} to a blocking socket of its own
     * (see the class comment). On the loop. Null where the loop goes on reading: not Netty's epoll
     * transport, or the socket cannot be made (the reason is not an error of the test).
     */
    static UdpReceiver takeOver(StreamIo io, Channel ch, int len, boolean udp64, boolean eager) {
        if (!(ch instanceof EpollDatagramChannel d) || !(d.fd() instanceof Socket nettySocket)) {
            return null;
        }
        DatagramChannel dc = null;
        try {
            InetSocketAddress local = nettySocket.localAddress();
            InetSocketAddress peer = nettySocket.remoteAddress();
            if (local == null || peer == null) {
                return null;
            }
            dc = DatagramChannel.open();
            dc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            Integer rcvbuf = ch.config().getOption(ChannelOption.SO_RCVBUF);
            if (rcvbuf != null && rcvbuf > 0) {
                // Linux doubles what it is given and reports that: half of it gives the same buffer
                dc.setOption(StandardSocketOptions.SO_RCVBUF, Math.max(1, rcvbuf / 2));
            }
            dc.bind(local);
            dc.connect(peer);
            nettySocket.disconnect(); // from now on the kernel hands the peer's datagrams to dc only
            UdpReceiver r = new UdpReceiver(io, dc, len, udp64, eager);
            r.adopt(nettySocket);
            return r;
        } catch (IOException | RuntimeException e) {
            if (dc != null) {
                try {
                    dc.close();
                } catch (IOException ignored) {
                    // not bound to anything that matters
                }
            }
            return null;
        }
    }

    /**
     * Moves what reached the Netty socket before it let go of the peer into the ring, ahead of
     * what the thread will read, so every datagram is counted in the order it came. Why: a client
     * takes over when it has read the server's answer to the hello, and a server that sends right
     * after it (the server's TEST_RUNNING can come first) has datagrams queued there by then (seen:
     * the first 92 at 200 Mbit/s on a busy machine). Counted after the thread's records they
     * were out of order, or, when the test had ended meanwhile (-k), not counted and so lost.
     * iperf3 reads one socket in order. On the loop, before the thread starts (the ring's one
     * producer until then); at most half the ring. What is left, and what a read error (a
     * pending ICMP error) leaves, stays for the loop to read, as before.
     */
    private void adopt(Socket nettySocket) {
        ByteBuffer b = buffer;
        try {
            for (int k = 0; k < RING / 2; k++) {
                int n = nettySocket.recv(b, 0, b.capacity()); // non-blocking: 0 when empty, -1 for an empty datagram
                if (n <= 0) {
                    return;
                }
                push(b, n, IperfTime.stampUs());
            }
        } catch (IOException e) {
            // a pending ICMP error of the socket: what is still queued stays for the loop
        }
    }

    /**
     * Starts the thread, right after {@link #takeOver} (see {@link StreamIo#prepareReceiving}), and
     * waits until it is about to read, at most {@link #READY_WAIT_MS}: a thread still starting
     * when the first datagram comes stamps it late (traced: the server's thread was setting its
     * name 80 us after the client's first datagram, which it read 120 us late; the client sends
     * as soon as TEST_RUNNING arrives, and the server takes over just before TEST_START).
     */
    void start(int streamId) {
        thread = new Thread(this, "virtbench-udp-recv-" + streamId);
        thread.setDaemon(true);
        thread.start();
        try {
            ready.await(READY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long {@link #start} waits for the thread (it takes well under a millisecond; a stalled machine must not stall the loop). */
    static final long READY_WAIT_MS = 100;
    private final CountDownLatch ready = new CountDownLatch(1);

    @Override
    public void run() {
        ByteBuffer b = buffer;
        ready.countDown();
        try {
            while (!stopping) {
                b.clear();
                int n = socket.read(b);
                long arrival = IperfTime.stampUs();
                if (!push(b, n, arrival)) {
                    return;
                }
                if (eager || head.get() - tail.get() >= RING / 2) {
                    queueDrain();
                }
            }
        } catch (ClosedChannelException e) {
            // stop(): the socket closed under the read
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failed(e);
            }
        }
    }

    /** One record into the ring; waits while the ring is full. False if stopped meanwhile. */
    private boolean push(ByteBuffer b, int n, long arrival) {
        long h = head.get();
        while (h - tail.getAcquire() == RING) {
            // the loop is behind: let it catch up; the kernel's buffer holds what comes meanwhile
            queueDrain();
            LockSupport.parkNanos(50_000);
            if (stopping) {
                return false;
            }
        }
        int i = (int) (h & MASK);
        sizes[i] = n;
        arrivals[i] = arrival;
        if (n >= header) {
            sent[i] = (b.getInt(0) & 0xffffffffL) * 1_000_000L + (b.getInt(4) & 0xffffffffL);
            counts[i] = udp64 ? b.getLong(8) : b.getInt(8) & 0xffffffffL;
        }
        head.setRelease(h + 1);
        return true;
    }

    private void queueDrain() {
        if (!drainQueued.get() && drainQueued.compareAndSet(false, true)) {
            io.channel.eventLoop().execute(drainTask);
        }
    }

    /**
     * On the loop: counts the records waiting. {@code closing}: the test is closing an interval
     * (or the omit period), so what arrived before counts even if the test state has just moved on.
     */
    void drain(boolean closing) {
        drainQueued.set(false);
        if (!io.counting(closing)) {
            return; // before TEST_RUNNING: the records wait in the ring (and, once it is full, the kernel)
        }
        IperfSession test = io.owner.test();
        long t;
        // one record at a time: counting may end the test (-n, -k), which closes the interval and drains again
        while ((t = tail.get()) < head.getAcquire()) {
            int i = (int) (t & MASK);
            if (arrivals[i] >= test.countLimitUs()) {
                // it belongs to an interval still to come, whose boundary's close is due soon
                // (IperfSession#closeLate); when records pile up, that close comes now
                if (head.get() - t < RING / 2) {
                    return;
                }
                test.closeDueIntervals(arrivals[i]);
                if (arrivals[i] >= test.countLimitUs()) {
                    return; // that close is under way (this drain is part of it), or the test's end is due
                }
                continue;
            }
            int n = (int) sizes[i];
            long pcount = counts[i];
            long sentUs = sent[i];
            long arrival = arrivals[i];
            tail.setRelease(t + 1);
            io.countReceived(n, n >= header, pcount, sentUs, arrival, closing);
        }
    }

    /** Records read and not yet counted (for tests). */
    long pending() {
        return head.get() - tail.get();
    }

    private void failed(Throwable e) {
        io.channel.eventLoop().execute(() -> {
            drain(false);
            io.receiveFailed(e);
        });
    }

    /** Stops the thread (closing its socket ends a read in progress) and waits for it, at most a second. On the loop. */
    void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain(false);
    }
}

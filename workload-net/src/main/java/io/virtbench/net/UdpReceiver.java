package io.virtbench.net;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventArray;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.epoll.Native;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving side of a UDP stream on a thread of its own, which waits for the socket and
 * time-stamps each datagram the moment it is read, as iperf3's receiver does in its select loop.
 * The test's event loop does the bookkeeping (iperf_udp_recv's arithmetic, in {@link IperfStream})
 * from those time stamps, so an arrival no longer waits for whatever the loop is doing then (a
 * timer, the interval's close, the control connection), and the loop's work no longer varies the
 * time stamps: at iperf3's default 1 Mbit/s over the loopback, four 32 KiB datagrams a second, a
 * few late arrivals decide the jitter figure (see the module README).
 *
 * <p>Linux with Netty's epoll transport only (elsewhere the loop reads, as before). The thread
 * waits in an epoll set of its own holding the socket and an eventfd that stops it; the channel
 * stays on the loop for everything else, with its reads off. Records (size, sequence number, the
 * sender's time stamp, the arrival) go through a single-producer single-consumer ring to the
 * loop. The loop is not woken for them: it counts them when it closes an interval or the omit
 * period ({@link IperfTest#drainReceivers}, so an interval holds what arrived before it closed),
 * when its --rcv-timeout watchdog looks, and when the ring is half full; only a client that ends
 * its test by bytes or blocks (-n, -k) has it woken after every burst. Waking the loop at every
 * arrival put a second thread to work at each datagram and measurably raised the jitter (module
 * README). Nothing is allocated per datagram.
 */
final class UdpReceiver implements Runnable {
    /** Records the ring holds: some seconds of iperf3's default rate, a few ms at 10 Gbit/s of 1460-byte datagrams. */
    static final int RING = 4096;
    private static final int MASK = RING - 1;

    private static final Constructor<EpollEventArray> EVENTS;
    private static final MethodHandle EPOLL_WAIT;

    static {
        Constructor<EpollEventArray> c = null;
        MethodHandle w = null;
        if (Transport.EPOLL) {
            try {
                // Netty keeps these two package-private; the epoll set here needs a one-entry event array
                c = EpollEventArray.class.getDeclaredConstructor(int.class);
                c.setAccessible(true);
                Method m = Native.class.getDeclaredMethod("epollWait", FileDescriptor.class, EpollEventArray.class, int.class);
                m.setAccessible(true);
                w = MethodHandles.lookup().unreflect(m).asType(
                        MethodType.methodType(int.class, FileDescriptor.class, EpollEventArray.class, int.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                c = null;
                w = null;
            }
        }
        EVENTS = c;
        EPOLL_WAIT = w;
    }

    private final StreamIo io;
    private final LinuxSocket socket;
    /** Wake the loop after every burst (a client that ends its test by bytes or blocks checks each read). */
    private final boolean eager;
    private final int header;
    private final boolean udp64;
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
    private FileDescriptor epoll;
    private FileDescriptor wake;
    private Thread thread;

    private UdpReceiver(StreamIo io, LinuxSocket socket, int len, boolean udp64, boolean eager) {
        this.io = io;
        this.eager = eager;
        this.socket = socket;
        this.udp64 = udp64;
        this.header = udp64 ? 16 : 12;
        // as the loop's reads: a datagram longer than the block is cut to it (iperf3 reads blksize)
        this.buffer = ByteBuffer.allocateDirect(Math.max(len, 64));
    }

    /** A receiver for {@code ch}, or null where the loop reads instead (NIO, or Netty without the calls used). */
    static UdpReceiver of(StreamIo io, Channel ch, int len, boolean udp64, boolean eager) {
        if (EVENTS == null || !(ch instanceof EpollDatagramChannel d) || !(d.fd() instanceof LinuxSocket s)) {
            return null;
        }
        return new UdpReceiver(io, s, len, udp64, eager);
    }

    /** Starts the thread; false (nothing started) if the epoll set cannot be made. */
    boolean start(int streamId) {
        try {
            epoll = Native.newEpollCreate();
            wake = Native.newEventFd();
            Native.epollCtlAdd(epoll.intValue(), socket.intValue(), Native.EPOLLIN);
            Native.epollCtlAdd(epoll.intValue(), wake.intValue(), Native.EPOLLIN);
        } catch (IOException | RuntimeException e) {
            closeFds();
            return false;
        }
        thread = new Thread(this, "virtbench-udp-recv-" + streamId);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    @Override
    public void run() {
        EpollEventArray events;
        try {
            events = EVENTS.newInstance(2);
        } catch (ReflectiveOperationException e) {
            failed(e);
            return;
        }
        try {
            while (!stopping) {
                int ready = (int) EPOLL_WAIT.invokeExact(epoll, events, -1);
                if (ready > 0) {
                    readAll();
                }
            }
        } catch (Throwable e) {
            if (!stopping) {
                failed(e);
            }
        }
    }

    /** Reads until the socket has nothing more: each datagram is time-stamped the moment it is read. */
    private void readAll() throws IOException {
        ByteBuffer b = buffer;
        while (!stopping) {
            int n = socket.recv(b, 0, b.capacity());
            long arrival = Clock.nowUs();
            if (n == 0) {
                break; // EAGAIN (a zero-length datagram reads as -1, Netty's end of stream)
            }
            if (n < 0) {
                n = 0;
            }
            long h = head.get();
            while (h - tail.getAcquire() == RING) {
                // the loop is behind: let it catch up; the kernel's buffer holds what comes meanwhile
                queueDrain();
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                if (stopping) {
                    return;
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
        }
        if (eager || head.get() - tail.get() >= RING / 2) {
            queueDrain();
        }
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
        long t;
        // one record at a time: counting may end the test (-n, -k), which closes the interval and drains again
        while ((t = tail.get()) < head.getAcquire()) {
            int i = (int) (t & MASK);
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
        Throwable cause = e;
        io.channel.eventLoop().execute(() -> {
            drain(false);
            io.receiveFailed(cause);
        });
    }

    /**
     * Stops the thread and waits for it (at most a second), before the loop closes the socket:
     * its descriptor must not be read once it may be another socket's. On the loop.
     */
    void stop() {
        if (thread == null || stopping) {
            return;
        }
        stopping = true;
        try {
            Native.eventFdWrite(wake.intValue(), 1L);
        } catch (RuntimeException e) {
            // the thread then sees stopping at its next datagram, or the join gives up
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            closeFds();
        }
        drain(false);
    }

    private void closeFds() {
        for (FileDescriptor f : new FileDescriptor[] {epoll, wake}) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    // nothing to do: the descriptor is gone either way
                }
            }
        }
        epoll = null;
        wake = null;
    }
}

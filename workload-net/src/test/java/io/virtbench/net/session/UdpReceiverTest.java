package io.virtbench.net.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.Net;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * UDP receiving streams read by a thread of their own on a blocking socket (Linux, epoll): the
 * datagrams are counted completely, time-stamped while the test's event loop is busy, counted in
 * the interval they arrived in, and the thread ends with the stream.
 */
class UdpReceiverTest {

    private static final String THREAD = "virtbench-udp-recv-";

    private static List<Thread> receiverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(THREAD) && t.isAlive()).toList();
    }

    /** Runs a virtbench client on a thread, asserting that a receiving thread was seen while it ran and that it succeeded. */
    private static Net.JavaRun runSeeingReceiverThread(ClientOptions o) throws Exception {
        CompletableFuture<Net.JavaRun> run = CompletableFuture.supplyAsync(() -> Net.javaClient(o));
        boolean seen = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!run.isDone() && System.nanoTime() < deadline) {
            seen |= !receiverThreads().isEmpty();
            Thread.sleep(20);
        }
        assertTrue(seen, "a receiving thread while the test ran");
        Net.JavaRun r = run.get(30, TimeUnit.SECONDS);
        assertNull(r.outcome().error(), r.outcome().error());
        return r;
    }

    private static void awaitNoReceiverThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!receiverThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), receiverThreads(), "receiving threads end with their streams");
    }

    @Test
    void serverReceivesOnItsOwnThreadAndCountsEveryDatagram() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs Netty's epoll transport");
        try (Net.JavaServer s = new Net.JavaServer()) {
            Net.JavaRun r = runSeeingReceiverThread(Net.client(s.port(), 2, true, false, false, 2, 20_000_000L, 1400).withJson(true));
            JsonNode sum = r.json().get("end").get("sum");
            long sent = r.json().get("end").get("streams").get(0).get("udp").get("packets").asLong()
                    + r.json().get("end").get("streams").get(1).get("udp").get("packets").asLong();
            Net.assertUdpAccounting(r.json());
            // the receiver's highest sequence number is at most what was sent (the last datagrams may be lost)
            assertTrue(sum.get("packets").asLong() <= sent, sum.toString());
            awaitNoReceiverThread();
        }
    }

    @Test
    void reverseClientReceivesOnItsOwnThread() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs Netty's epoll transport");
        try (Net.JavaServer s = new Net.JavaServer()) {
            Net.JavaRun r = runSeeingReceiverThread(Net.client(s.port(), 2, true, true, false, 1, 20_000_000L, 1400));
            Net.assertUdpAccounting(r.json());
            awaitNoReceiverThread();
        }
    }

    @Test
    void reverseClientEndingByBlocksSeesEachRead() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs Netty's epoll transport");
        try (Net.JavaServer s = new Net.JavaServer()) {
            ClientOptions d = Net.client(s.port(), 10, true, true, false, 1, 200_000_000L, 1400);
            ClientOptions o = ClientOptions.builder(d.host()).port(d.port()).udp(true).time(0).blocks(500)
                    .bitrate(d.bitrate()).length(1400).reverse(true).pacingTimerUs(d.pacingTimerUs()).build();
            Net.JavaRun r = Net.javaClient(o);
            assertNull(r.outcome().error(), r.outcome().error());
            // -k 500 at 200 Mbit/s of 1400-byte datagrams ends after about 30 ms: not at the 10 s default, nor at the
            // first interval (1 s), when a lazily woken loop would first have counted the blocks
            double seconds = r.json().path("end").path("sum").path("seconds").asDouble(-1);
            assertTrue(seconds > 0 && seconds < 0.9, seconds + " s: " + r.out());
            Net.assertUdpAccounting(r.json());
            // exactly the limit received, as iperf3's client; the server sends until the end reaches it (iperf3 3.12's
            // paced sender does not stop at -k), so the sum's datagrams, the sender's, may be more
            assertEquals(500L * 1400, r.json().get("end").get("sum_received").get("bytes").asLong(), r.out());
            awaitNoReceiverThread();
        }
    }

    /** The loop side of a stream, without a control connection: counts while "running". */
    private static final class Owner implements StreamIo.Owner {
        final IperfSession test;
        volatile Throwable failure;
        volatile boolean running = true;

        Owner(IperfSession test) {
            this.test = test;
        }

        @Override
        public IperfSession test() {
            return test;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void progressed() {
        }

        @Override
        public void streamFailed(StreamIo io, Throwable cause) {
            failure = cause;
        }
    }

    /** A receiving UDP stream of a server's test on {@code group}, connected to {@code peer} (bound here), the test started. */
    private record Stream(IperfSession test, Owner owner, StreamIo io, Channel ch, IperfStream sp) {
    }

    /** {@code rcvbuf}: the socket's receive buffer, 0 for the system's default; {@code interval}: the test's -i in seconds. */
    private static Stream openStream(EventLoopGroup group, DatagramChannel peer, int rcvbuf, double interval) throws Exception {
        peer.bind(new InetSocketAddress(Net.LOOPBACK, 0));
        TestSettings settings = new TestSettings();
        settings.protocol = TestSettings.Protocol.UDP;
        IperfSession test = new IperfSession(Role.SERVER, settings, false, 'a', interval, new IperfOutput(new PrintStream(OutputStream.nullOutputStream())));
        Owner owner = new Owner(test);
        StreamIo io = new StreamIo(owner, true, false, 1000, false, true);
        Bootstrap b = new Bootstrap().group(group).channel(Transport.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(1000)).option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true);
        if (rcvbuf > 0) {
            b.option(ChannelOption.SO_RCVBUF, rcvbuf);
        }
        Channel ch = b.handler(io).bind(new InetSocketAddress(Net.LOOPBACK, 0)).sync().channel();
        ch.connect(peer.getLocalAddress()).sync();
        peer.connect(ch.localAddress());
        IperfStream sp = new IperfStream(1, false, 5, ch);
        io.attach(sp);
        ch.eventLoop().submit(() -> {
            test.jsonStart("test", "test");
            test.addStream(sp);
            test.initTest(IperfTime.stampUs());
        }).sync();
        return new Stream(test, owner, io, ch, sp);
    }

    private static ByteBuffer datagram(long pcount, long sentUs) {
        ByteBuffer b = ByteBuffer.allocate(1000);
        b.putInt(0, (int) (sentUs / 1_000_000)).putInt(4, (int) (sentUs % 1_000_000)).putInt(8, (int) pcount);
        return b;
    }

    /**
     * The sender may start before this side reaches TEST_RUNNING (the server's comes first, and a
     * cold JVM took 50 ms to get there in CI, which overflowed the socket's buffer at 20 Mbit/s):
     * the thread reads from the takeover on, far more than the kernel's buffer holds, and nothing
     * counts until TEST_RUNNING, when everything read counts, nothing lost.
     */
    @Test
    void datagramsBeforeTestRunningAreReadAtOnceAndCountedFromTestRunningOn() throws Exception {
        withStream(65536, 1.0, (st, peer) -> {
            st.owner.running = false;
            StreamIo io = st.io;
            Channel ch = st.ch;
            IperfStream sp = st.sp;
            ch.eventLoop().submit(() -> {
                io.prepareReceiving();
            }).sync();
            // about 30 such datagrams fill a 64 KiB buffer (each takes 2 KiB of it): bursts of 20, each sent when the
            // thread has read the last, so that a starved thread (a busy machine) delays the test instead of losing
            UdpReceiver r = receiverOf(ch, io);
            int n = 600;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int i = 1; i <= n; i++) {
                peer.write(datagram(i, IperfTime.stampUs()));
                while (i % 20 == 0 && r.pending() < i && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
            }
            assertEquals(n, r.pending(), "read before TEST_RUNNING, all of them");
            assertEquals(0, (long) ch.eventLoop().submit(() -> {
                r.drain(false);
                return sp.packetCount;
            }).get(), "nothing counts before TEST_RUNNING");
            st.owner.running = true;
            ch.eventLoop().submit(io::startReceiving).sync();
            long[] v = ch.eventLoop().submit(() -> new long[] {sp.packetCount, sp.cntError, sp.outoforderPackets}).get();
            assertEquals(n, v[0], "everything read counts at TEST_RUNNING");
            assertEquals(0, v[1], "nothing lost");
            assertEquals(0, v[2]);
        });
    }

    /** The stream's receiving thread (sp.receiver holds it only from TEST_RUNNING on). */
    private static UdpReceiver receiverOf(Channel ch, StreamIo io) throws Exception {
        UdpReceiver r = ch.eventLoop().submit(io::receiver).get();
        assertNotNull(r, "epoll: the stream reads on a socket and thread of its own");
        return r;
    }

    /**
     * While the loop is busy (here: blocked for 300 ms), the thread still reads and time-stamps
     * each datagram as it comes; closing the interval counts them, in it, with their true transit.
     */
    @Test
    void arrivalsAreStampedWhileTheLoopIsBusyAndCountedWhenTheIntervalCloses() throws Exception {
        withStream(0, 1.0, (st, peer) -> {
            StreamIo io = st.io;
            Channel ch = st.ch;
            IperfStream sp = st.sp;
            ch.eventLoop().submit(() -> {
                io.prepareReceiving();
                io.startReceiving();
            }).sync();
            assertNotNull(sp.receiver, "epoll: the stream reads on a socket and thread of its own");

            AtomicReference<long[]> seen = new AtomicReference<>();
            ch.eventLoop().submit(() -> {
                // the loop is busy from here on; the datagrams arrive meanwhile
                try {
                    for (int i = 1; i <= 5; i++) {
                        peer.write(datagram(i, IperfTime.stampUs()));
                        Thread.sleep(10);
                    }
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (sp.receiver.pending() < 5 && System.nanoTime() < until) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(300);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long before = sp.packetCount;
                st.test.statsCallback(IperfTime.stampUs());
                seen.set(new long[] {before, sp.lastInterval().intervalPacketCount, sp.lastInterval().bytesTransferred,
                        (long) (sp.prevTransit * 1e6)});
            }).sync();
            long[] v = seen.get();
            assertEquals(0, v[0], "nothing counted before the interval closed (the loop was busy)");
            assertEquals(5, v[1], "all five datagrams in the interval they arrived in");
            assertEquals(5000, v[2]);
            assertTrue(v[3] < 100_000, "transit " + v[3] + " us: stamped on arrival, not 300 ms later by the loop");

            // no interval closes now: the thread wakes the loop when its ring is half full
            int more = UdpReceiver.RING / 2 + 100;
            for (int i = 6; i < 6 + more; i++) {
                peer.write(datagram(i, IperfTime.stampUs()));
                if (i % 50 == 0) {
                    Thread.sleep(1);
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long counted = 0;
            while (counted < 5 + UdpReceiver.RING / 2 && System.nanoTime() < until) {
                Thread.sleep(10);
                counted = ch.eventLoop().submit(() -> sp.packetCount).get();
            }
            assertTrue(counted >= 5 + UdpReceiver.RING / 2, counted + " counted without an interval closing");
            ch.eventLoop().submit(io::stop).sync();
            assertFalse(receiverThreads().stream().anyMatch(t -> t.getName().equals(THREAD + 1)), "stop() waits for the thread");
        });
    }

    /**
     * A stream on a receiving thread, taken over and counting, its intervals closed late
     * ({@link IperfSession#closeLate}), {@code before} datagrams stamped, then an interval boundary
     * set between them and {@code after} more datagrams sent: returns the boundary.
     */
    private static long lateStreamWithABoundary(Stream st, DatagramChannel peer, int before, int after) throws Exception {
        StreamIo io = st.io;
        st.ch.eventLoop().submit(() -> {
            io.prepareReceiving();
            st.test.closeLate(List.of(io), false);
            io.startReceiving();
        }).sync();
        assertTrue(st.test.closesLate(), "a side that only receives UDP on threads closes its intervals late");
        UdpReceiver r = receiverOf(st.ch, io);
        long pcount = 0;
        for (int i = 0; i < before; i++) {
            peer.write(datagram(++pcount, IperfTime.stampUs()));
        }
        awaitPending(r, before);
        // the boundary between the two groups of datagrams, so that no stall of this machine can move a datagram across it
        long boundary = IperfTime.stampUs();
        long intervalUs = Math.round(st.test.statsInterval * 1_000_000);
        st.ch.eventLoop().submit(() -> st.test.intervalsStartAt(boundary - intervalUs)).sync();
        Thread.sleep(2);
        for (int i = 0; i < after; i++) {
            peer.write(datagram(++pcount, IperfTime.stampUs()));
            if (i % 50 == 49) {
                Thread.sleep(1);
            }
        }
        return boundary;
    }

    private static void awaitPending(UdpReceiver r, long n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (r.pending() < n && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertEquals(n, r.pending(), "datagrams read by the receiving thread");
    }

    /** A test body on a server's receiving stream whose peer is {@code peer}. */
    private interface StreamBody {
        void run(Stream st, DatagramChannel peer) throws Exception;
    }

    /**
     * Runs {@code body} on a server's receiving stream ({@link #openStream}) on a loop of its own,
     * then stops the stream, which must not have failed.
     */
    private static void withStream(int rcvbuf, double interval, StreamBody body) throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs Netty's epoll transport");
        EventLoopGroup group = Transport.newGroup(1);
        try (DatagramChannel peer = DatagramChannel.open()) {
            Stream st = openStream(group, peer, rcvbuf, interval);
            body.run(st, peer);
            st.ch.eventLoop().submit(st.io::stop).sync();
            assertNull(st.owner.failure);
            st.ch.close().sync();
        } finally {
            Transport.shutdown(group);
        }
    }

    /** A test body on a stream that closes late, given its boundary (see {@link #lateStreamWithABoundary}). */
    private interface LateBody {
        void run(Stream st, long boundary) throws Exception;
    }

    /**
     * Runs {@code body} on a server's receiving stream with a 60 s interval, {@code before}
     * datagrams before its boundary and {@code after} after it ({@link #withStream}).
     */
    private static void withLateStream(int rcvbuf, int before, int after, LateBody body) throws Exception {
        withStream(rcvbuf, 60.0, (st, peer) -> body.run(st, lateStreamWithABoundary(st, peer, before, after)));
    }

    /**
     * The stats timer of a side that closes late fires after the boundary: the interval ends at
     * the boundary and holds exactly what arrived before it; what arrived after waits, and the
     * end of the test counts it in an interval of its own from the boundary on.
     */
    @Test
    void anIntervalClosedLateHoldsWhatArrivedBeforeItsBoundary() throws Exception {
        withLateStream(0, 3, 2, (st, boundary) -> {
            UdpReceiver r = receiverOf(st.ch, st.io);
            awaitPending(r, 5);
            IperfStream sp = st.sp;
            long[] v = st.ch.eventLoop().submit(() -> {
                st.test.statsTimer(); // as the timer, OFF_BOUNDARY_MS after the boundary
                IntervalResult irp = sp.lastInterval();
                return new long[] {irp.intervalPacketCount, irp.endUs, sp.packetCount, r.pending(), st.test.countLimitUs()};
            }).get();
            assertEquals(3, v[0], "the interval holds the datagrams that arrived before its boundary");
            assertEquals(boundary, v[1], "and ends at the boundary");
            assertEquals(3, v[2]);
            assertEquals(2, v[3], "the later ones wait");
            assertEquals(boundary + 60_000_000L, v[4], "for the next boundary");
            long[] end = st.ch.eventLoop().submit(() -> {
                st.test.statsCallback(IperfTime.stampUs()); // the end of the test
                IntervalResult irp = sp.lastInterval();
                return new long[] {irp.intervalPacketCount, irp.startUs, sp.packetCount, sp.cntError, sp.intervalCount};
            }).get();
            assertEquals(2, end[0], "the end counts them, in the last interval");
            assertEquals(boundary, end[1], "which starts at the boundary");
            assertEquals(5, end[2]);
            assertEquals(0, end[3], "nothing lost");
            assertEquals(2, end[4]);
        });
    }

    /** A test that ends before the late close of a boundary it passed closes that interval first, at the boundary. */
    @Test
    void theEndClosesAnIntervalWhoseLateCloseIsStillDue() throws Exception {
        withLateStream(0, 4, 3, (st, boundary) -> {
            awaitPending(receiverOf(st.ch, st.io), 7);
            IperfStream sp = st.sp;
            long[] v = st.ch.eventLoop().submit(() -> {
                long before = sp.intervalCount;
                st.test.statsCallback(IperfTime.stampUs());
                return new long[] {sp.intervalCount - before, sp.lastInterval().intervalPacketCount, sp.lastInterval().startUs,
                        sp.packetCount};
            }).get();
            assertEquals(2, v[0], "two intervals closed: the one due at the boundary, then the last");
            assertEquals(3, v[1], "the last holds what came after the boundary");
            assertEquals(boundary, v[2]);
            assertEquals(7, v[3]);
        });
    }

    /**
     * Where datagrams after a boundary pile up before its late close (a high rate), the receiving
     * thread's records do not wait for the timer: the interval closes then, still at its boundary.
     */
    @Test
    void recordsPilingUpAfterABoundaryCloseItsIntervalEarly() throws Exception {
        withLateStream(4 << 20, 3, UdpReceiver.RING / 2 + 100, (st, boundary) -> {
            IperfStream sp = st.sp;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long[] v = null;
            while (System.nanoTime() < until) {
                v = st.ch.eventLoop().submit(() -> new long[] {sp.intervalCount, sp.lastInterval() == null ? -1 : sp.lastInterval().intervalPacketCount,
                        sp.lastInterval() == null ? -1 : sp.lastInterval().endUs, sp.packetCount}).get();
                if (v[0] == 1 && v[3] >= 3 + UdpReceiver.RING / 2) {
                    break;
                }
                Thread.sleep(10);
            }
            assertEquals(1, v[0], "the interval closed without its timer");
            assertEquals(3, v[1], "with what came before the boundary");
            assertEquals(boundary, v[2]);
            assertTrue(v[3] >= 3 + UdpReceiver.RING / 2, v[3] + " counted");
        });
    }

    /** Only a side whose streams all receive UDP on threads, without -n/-k and with intervals, closes late. */
    @Test
    void onlyAReceivingSideWithIntervalsAndNoByteLimitClosesLate() throws Exception {
        withStream(0, 1.0, (st, peer) -> {
            boolean[] v = st.ch.eventLoop().submit(() -> {
                boolean beforeTakeOver = late(st.test, st.io, false);
                st.io.prepareReceiving();
                return new boolean[] {beforeTakeOver, late(st.test, st.io, true), late(st.test, st.io, false)};
            }).get();
            assertFalse(v[0], "not while the loop reads the stream");
            assertFalse(v[1], "not where every read is checked (-n, -k)");
            assertTrue(v[2]);
        });
        withStream(0, 0.0, (st, peer) -> {
            boolean v = st.ch.eventLoop().submit(() -> {
                st.io.prepareReceiving();
                return late(st.test, st.io, false);
            }).get();
            assertFalse(v, "not without intervals (-i 0)");
        });
    }

    /** Whether a fresh test like {@code t} would close late with {@code io} (closeLate only ever switches on). */
    private static boolean late(IperfSession t, StreamIo io, boolean eachRead) {
        IperfSession fresh = new IperfSession(Role.SERVER, t.settings, false, 'a', t.statsInterval, new IperfOutput(new PrintStream(OutputStream.nullOutputStream())));
        fresh.closeLate(List.of(io), eachRead);
        return fresh.closesLate();
    }

    /**
     * A receiving client with -O closes late too, and prints what iperf3 prints: the header once,
     * the omitted interval (still omitted: it closes before the omit period ends), then intervals
     * counted again from 0.00.
     */
    @Test
    void aLateClosingReceiverPrintsTheOmittedIntervalAndOneHeader() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs Netty's epoll transport");
        try (Net.JavaServer s = new Net.JavaServer()) {
            ClientOptions d = Net.client(s.port(), 2, true, true, false, 1, -1, 0);
            ClientOptions o = ClientOptions.builder(d.host()).port(d.port()).udp(true).time(2).bitrate(d.bitrate())
                    .reverse(true).omit(1).pacingTimerUs(d.pacingTimerUs()).build();
            Net.JavaRun r = Net.javaClient(o);
            assertNull(r.outcome().error(), r.outcome().error());
            String intervals = r.out().substring(0, r.out().indexOf("- - - -"));
            assertEquals(1, intervals.split("\\[ ID\\] Interval", -1).length - 1, "one header: " + r.out());
            assertTrue(intervals.matches("(?s).*\\]   0\\.00-1\\.00 +sec .*\\(omitted\\)\n.*"), "the omitted interval: " + r.out());
            List<String> counted = intervals.lines().filter(l -> l.contains(" sec ") && !l.contains("(omitted)")).toList();
            assertEquals(2, counted.size(), r.out());
            // the last interval ends with the test, which a busy machine may end a little late (1.00-2.10)
            assertTrue(counted.get(0).contains("   0.00-1.00 ") && counted.get(1).matches(".*   1\\.00-2\\.\\d\\d .*"), r.out());
            for (String l : counted) {
                assertTrue(l.matches(".* \\d+/\\d+ \\(\\d+(\\.\\d+)?%\\)\\s*"), "lost/total (percent): " + l);
            }
        }
    }
}

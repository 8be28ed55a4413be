package io.virtbench.net.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a UDP receiver counts, as iperf_udp_recv and iperf3's client loop: every datagram once and
 * in the order it came, including those that reached the stream's socket before its receiving
 * thread took over; and a client ending by -k/-n counts exactly up to the limit and nothing after.
 */
public class UdpCountingTest {
    private static final int LEN = 1000;

    /** The loop side of a receiving stream; with {@code blocks}, a client ending its test at that many blocks received. */
    private static final class Owner implements StreamIo.Owner {
        final IperfSession test;
        final long blocks;
        volatile boolean running;
        volatile Throwable failure;

        Owner(IperfSession test, long blocks) {
            this.test = test;
            this.blocks = blocks;
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
        public boolean countsEachRead() {
            return blocks != 0;
        }

        /** As IperfClient's end check: the limit reached, the test ends and its last interval closes. */
        @Override
        public void progressed() {
            if (blocks != 0 && !test.done && test.blocksReceived >= blocks) {
                test.done = true;
                test.statsCallback(IperfTime.stampUs());
            }
        }

        @Override
        public void streamFailed(StreamIo io, Throwable cause) {
            failure = cause;
        }
    }

    private record Stream(IperfSession test, Owner owner, StreamIo io, Channel ch, IperfStream sp) {
    }

    private interface Body {
        void run(Stream st, DatagramChannel peer) throws Exception;
    }

    /** A receiving UDP stream connected to {@code peer}, not reading yet (as a stream before TEST_RUNNING), on a loop of its own. */
    private static void withStream(long blocks, Body body) throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs");
        EventLoopGroup group = Transport.newGroup(1);
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(new InetSocketAddress(Net.LOOPBACK, 0));
            TestSettings settings = new TestSettings();
            settings.protocol = TestSettings.Protocol.UDP;
            settings.blocks = blocks;
            settings.reverse = true; // a client receiving (-R)
            IperfSession test = new IperfSession(Role.CLIENT, settings, false, 'a', 1.0,
                    new IperfOutput(new PrintStream(OutputStream.nullOutputStream())));
            Owner owner = new Owner(test, blocks);
            StreamIo io = new StreamIo(owner, true, false, LEN, false, true);
            Channel ch = new Bootstrap().group(group).channel(Transport.datagramChannel())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(LEN))
                    .option(ChannelOption.AUTO_READ, false).option(ChannelOption.SO_REUSEADDR, true)
                    .handler(io).bind(new InetSocketAddress(Net.LOOPBACK, 0)).sync().channel();
            ch.connect(peer.getLocalAddress()).sync();
            peer.connect(ch.localAddress());
            IperfStream sp = new IperfStream(1, false, 5, ch);
            io.attach(sp);
            ch.eventLoop().submit(() -> {
                test.jsonStart("test", "test");
                test.addStream(sp);
                test.initTest(IperfTime.stampUs());
            }).sync();
            Stream st = new Stream(test, owner, io, ch, sp);
            body.run(st, peer);
            ch.eventLoop().submit(io::stop).sync();
            assertNull(owner.failure);
            ch.close().sync();
        } finally {
            Transport.shutdown(group);
        }
    }

    private static void send(DatagramChannel peer, long from, long to) throws Exception {
        for (long i = from; i <= to; i++) {
            long now = IperfTime.stampUs();
            ByteBuffer b = ByteBuffer.allocate(LEN);
            b.putInt(0, (int) (now / 1_000_000)).putInt(4, (int) (now % 1_000_000)).putInt(8, (int) i);
            peer.write(b);
        }
    }

    private static UdpReceiver takeOver(Stream st) throws Exception {
        UdpReceiver r = st.ch.eventLoop().submit(() -> {
            st.io.prepareReceiving();
            return st.io.receiver();
        }).get();
        assertTrue(r != null, "the stream has a receiving thread");
        return r;
    }

    /** Waits (at most 10 s) until the receiving thread's ring holds {@code n} records; asserts it does. */
    private static void awaitPending(UdpReceiver r, long n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (r.pending() < n && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertEquals(n, r.pending(), "datagrams in the receiving thread's ring");
    }

    /**
     * A sender may start before the receiving side has taken its socket over (a client takes over
     * when it has read the answer to its hello, and the server sends right after that answer): what
     * reached the stream's Netty socket by then is counted first, in order, with what the thread
     * reads after it. Before, those datagrams stayed in the Netty socket: counted after the later
     * ones (out of order), or not at all once a -k test had ended.
     */
    @Test
    void datagramsQueuedBeforeTheTakeOverCountFirstAndInOrder() throws Exception {
        withStream(0, (st, peer) -> {
            send(peer, 1, 10);
            Thread.sleep(20); // loopback delivers at once; this only spares a slow machine's deferred delivery
            UdpReceiver r = takeOver(st);
            send(peer, 11, 20);
            awaitPending(r, 20);
            st.owner.running = true;
            long[] v = st.ch.eventLoop().submit(() -> {
                st.io.startReceiving();
                return new long[] {st.sp.packetCount, st.sp.outoforderPackets, st.sp.cntError, st.sp.receivedBytes()};
            }).get();
            assertEquals(20, v[0], "highest sequence number");
            assertEquals(0, v[1], "out of order");
            assertEquals(0, v[2], "lost");
            assertEquals(20L * LEN, v[3], "bytes");
        });
    }

    /**
     * iperf3's client checks -k after every read and counts nothing after TEST_END, so it receives
     * exactly the limit. Datagrams the receiving thread read before TEST_RUNNING (more than the
     * limit) are counted one by one; the end of the test comes at the limit, and its last interval's
     * close does not count the rest (it did: 1044 blocks counted for -k 500).
     */
    @Test
    void aClientEndingByBlocksCountsExactlyTheLimit() throws Exception {
        withStream(5, (st, peer) -> {
            UdpReceiver r = takeOver(st);
            send(peer, 1, 12);
            awaitPending(r, 12);
            st.owner.running = true;
            long[] v = st.ch.eventLoop().submit(() -> {
                st.io.startReceiving();
                return new long[] {st.test.blocksReceived, st.test.bytesReceived, st.sp.packetCount, st.sp.receivedBytes(),
                        st.test.done ? 1 : 0};
            }).get();
            assertEquals(1, v[4], "the test ended");
            assertEquals(5, v[0], "blocks received");
            assertEquals(5L * LEN, v[1], "bytes received");
            assertEquals(5, v[2], "the stream's highest sequence number");
            assertEquals(5L * LEN, v[3], "the stream's bytes");
        });
    }

    /** -k 500 / -n 700001 of 1400-byte datagrams at 200 Mbit/s, virtbench against itself: 500 and 501 datagrams received, whatever was lost. */
    @Test
    void reverseClientEndingByBlocksOrBytesReceivesExactlyTheLimit() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which the receiving thread needs");
        try (Net.JavaServer s = new Net.JavaServer()) {
            JsonNode k = limited(s.port(), 0, 500);
            assertEquals(500, k.get("start").get("test_start").get("blocks").asLong());
            assertEquals(500L * 1400, k.get("end").get("sum_received").get("bytes").asLong(), k.get("end").toString());
            JsonNode n = limited(s.port(), 700_001, 0);
            assertEquals(700_001, n.get("start").get("test_start").get("bytes").asLong());
            assertEquals(501L * 1400, n.get("end").get("sum_received").get("bytes").asLong(), n.get("end").toString());
        }
    }

    /** A virtbench client -u -R -b 200M -l 1400 with -n {@code bytes} or -k {@code blocks} against the loopback port; its JSON. */
    public static JsonNode limited(int port, long bytes, long blocks) throws Exception {
        ClientOptions o = ClientOptions.builder(Net.LOOPBACK).port(port).udp(true).time(0).bytes(bytes).blocks(blocks)
                .bitrate(200_000_000L).length(1400).reverse(true).build();
        Net.JavaRun r = Net.javaClient(o);
        assertNull(r.outcome().error(), r.outcome().error());
        JsonNode doc = r.json();
        Net.assertUdpAccounting(doc);
        JsonNode sum = doc.get("end").get("sum_received");
        assertTrue(sum.get("seconds").asDouble() > 0 && sum.get("seconds").asDouble() < 30, sum.toString());
        return doc;
    }
}

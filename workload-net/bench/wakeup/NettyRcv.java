// virtbench bench: the jitter baseline receiver on Netty (see run.sh).
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

// the same receiver as Rcv.java on a Netty 4.2 epoll DatagramChannel, on its own one-thread event
// loop: the handler time-stamps each datagram (System.nanoTime) as it reaches the pipeline.
// usage: NettyRcv PORT N ROUNDS [TIMER_MS [reuse]]: with TIMER_MS > 0, a periodic no-op task on the
// loop (as virtbench's interval and watchdog timers), to see what a timer armed in epoll_wait
// costs; with "reuse", every datagram is read into one buffer (as iperf3 reads; a candidate for
// virtbench's server that was measured and not kept), instead of a buffer from Netty's default
// allocator per read.
public class NettyRcv {
    /** Reads into one buffer while nobody holds it (the handler releases each datagram at once). */
    static final class OneBuffer extends AbstractByteBufAllocator {
        private final ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(70000, 70000);

        OneBuffer() {
            super(true);
        }

        @Override
        public ByteBuf ioBuffer(int capacity) {
            return buf.refCnt() == 1 && capacity <= buf.capacity() ? buf.retain().clear() : ByteBufAllocator.DEFAULT.ioBuffer(capacity);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initial, int max) {
            return ByteBufAllocator.DEFAULT.heapBuffer(initial, max);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initial, int max) {
            return ByteBufAllocator.DEFAULT.directBuffer(initial, max);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return true;
        }
    }

    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        long timerMs = a.length > 3 ? Long.parseLong(a[3]) : 0;
        boolean reuse = a.length > 4 && a[4].equals("reuse");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        CountDownLatch done = new CountDownLatch(1);
        Channel ch = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(70000))
                .option(ChannelOption.ALLOCATOR, reuse ? new OneBuffer() : ByteBufAllocator.DEFAULT)
                .handler(new ChannelInboundHandlerAdapter() {
                    int i, r;
                    double jitter, prev;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        long us = System.nanoTime() / 1000;
                        ByteBuf b = ((DatagramPacket) msg).content();
                        long sent = b.getLongLE(b.readerIndex());
                        int seq = b.getIntLE(b.readerIndex() + 8);
                        b.release();
                        if (seq >= 1 << 30) {
                            return; // a warm-up datagram
                        }
                        double transit = (us - sent) / 1e6;
                        if (i == 0) prev = transit;
                        double d = Math.abs(transit - prev);
                        prev = transit;
                        jitter += (d - jitter) / 16.0;
                        if (++i == n) {
                            System.out.printf("%.3f%n", jitter * 1000);
                            i = 0;
                            jitter = 0;
                            if (++r == rounds) done.countDown();
                        }
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)).sync().channel();
        if (timerMs > 0) {
            ch.eventLoop().scheduleAtFixedRate(() -> { }, timerMs, timerMs, TimeUnit.MILLISECONDS);
        }
        done.await();
        ch.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}

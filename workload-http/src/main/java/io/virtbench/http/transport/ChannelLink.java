package io.virtbench.http.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * A link over a Netty channel: the portable path (NIO, or epoll when bare sockets are turned
 * off). Netty builds a channel, a pipeline and promises for every connection.
 */
public final class ChannelLink extends Link {
    private final EventLoop loop;
    private final InetSocketAddress address;
    private final Events events;
    private final Channel channel;
    private boolean closed;

    public ChannelLink(EventLoop loop, InetSocketAddress address, boolean ipv6, Events events) {
        this.loop = loop;
        this.address = address;
        this.events = events;
        // a channel of our own instead of Bootstrap.connect: no option maps, resolver lookup or reflection
        this.channel = Transport.newSocketChannel(ipv6);
    }

    @Override
    public void start() {
        channel.config().setConnectTimeoutMillis(0);
        channel.pipeline().addLast("ab", new Handler());
        // the void promise: a failed registration fails the connect below, which is handled there
        loop.register(channel.voidPromise());
        ChannelFuture f = channel.connect(address);
        if (f.isDone()) {
            // reported after this call, as a connect that takes time
            loop.execute(() -> connectDone(f));
        } else {
            f.addListener((ChannelFutureListener) this::connectDone);
        }
    }

    private void connectDone(ChannelFuture f) {
        if (closed) {
            return;
        }
        if (f.isSuccess()) {
            events.connected(this);
        } else {
            events.connectFailed(this, f.cause());
        }
    }

    @Override
    public int write(ByteBuf request) {
        if (closed) {
            return FAILED;
        }
        ChannelFuture f = channel.writeAndFlush(request);
        if (f.isDone()) {
            return f.isSuccess() ? WRITTEN : FAILED;
        }
        f.addListener(w -> {
            if (closed) {
                return;
            }
            if (w.isSuccess()) {
                events.written(this);
            } else {
                events.writeFailed(this, w.cause());
            }
        });
        return PENDING;
    }

    @Override
    public void close() {
        closed = true;
        // Netty's close() of a channel the server's close has closed already still builds a
        // promise, an exception and a walk through the pipeline
        if (channel.isOpen()) {
            channel.close();
        }
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (!closed) {
                    events.read(ChannelLink.this, buf);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closed) {
                events.peerClosed(ChannelLink.this);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closed) {
                events.failed(ChannelLink.this, cause);
            }
        }
    }
}

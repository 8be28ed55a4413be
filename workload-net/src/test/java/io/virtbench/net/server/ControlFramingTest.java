package io.virtbench.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.virtbench.net.protocol.ControlDecoder;
import io.virtbench.net.protocol.Cookie;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.TestSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The control connection's framing, fed byte by byte and in odd splits through Netty's EmbeddedChannel. */
class ControlFramingTest {

    /** Records every decoded message; can change what comes next, as the sessions do. */
    static final class Recorder implements ControlDecoder.Listener {
        final List<String> events = new ArrayList<>();
        ControlDecoder decoder;

        @Override
        public void cookie(ChannelHandlerContext ctx, byte[] cookie) {
            events.add("cookie " + Cookie.text(cookie));
            decoder.expect(ControlDecoder.Expect.JSON, Iperf3.MAX_PARAMS_JSON);
        }

        @Override
        public void state(ChannelHandlerContext ctx, byte state) {
            events.add("state " + state);
            if (state == Iperf3.SERVER_ERROR) {
                decoder.expect(ControlDecoder.Expect.ERROR_TRAILER);
            } else if (state == Iperf3.EXCHANGE_RESULTS) {
                decoder.expect(ControlDecoder.Expect.JSON, 1000);
            }
        }

        @Override
        public void json(ChannelHandlerContext ctx, String json) {
            events.add("json " + json);
            decoder.expect(ControlDecoder.Expect.STATE);
        }

        @Override
        public void serverError(ChannelHandlerContext ctx, int ierrno, int errno) {
            events.add("error " + ierrno + " " + errno);
            decoder.expect(ControlDecoder.Expect.STATE);
        }

        @Override
        public void protocolError(ChannelHandlerContext ctx, String message, int ierrno) {
            events.add("protocol " + ierrno);
            ctx.close();
        }
    }

    private static EmbeddedChannel channel(Recorder r, ControlDecoder.Expect first) {
        r.decoder = new ControlDecoder(r, first, Iperf3.MAX_PARAMS_JSON);
        return new EmbeddedChannel(r.decoder);
    }

    private static byte[] frame(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf f = Unpooled.buffer().writeInt(b.length).writeBytes(b);
        byte[] out = new byte[f.readableBytes()];
        f.readBytes(out);
        return out;
    }

    private static void feedByteByByte(EmbeddedChannel ch, byte[]... parts) {
        for (byte[] p : parts) {
            for (byte b : p) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        }
    }

    @Test
    void serverSideCookieThenParamsThenStatesByteByByte() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ControlDecoder.Expect.COOKIE);
        byte[] cookie = Cookie.make();
        String params = new TestSettings().toParamsJson();
        feedByteByByte(ch, cookie, frame(params), new byte[] {Iperf3.TEST_END, Iperf3.IPERF_DONE});
        assertEquals(List.of("cookie " + Cookie.text(cookie), "json " + params, "state 4", "state 16"), r.events);
        assertTrue(ch.isOpen());
    }

    @Test
    void severalMessagesInOneReadAndAMessageSplitAcrossReads() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ControlDecoder.Expect.STATE);
        byte[] results = frame("{\"streams\":[]}");
        ByteBuf one = Unpooled.buffer().writeByte(Iperf3.PARAM_EXCHANGE).writeByte(Iperf3.CREATE_STREAMS)
                .writeByte(Iperf3.EXCHANGE_RESULTS).writeBytes(results, 0, 5);
        ch.writeInbound(one);
        assertEquals(List.of("state 9", "state 10", "state 13"), r.events);
        ch.writeInbound(Unpooled.wrappedBuffer(results, 5, results.length - 5), Unpooled.wrappedBuffer(new byte[] {14}));
        assertEquals(List.of("state 9", "state 10", "state 13", "json {\"streams\":[]}", "state 14"), r.events);
    }

    @Test
    void serverErrorIsFollowedByTwoBigEndianInts() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ControlDecoder.Expect.STATE);
        ch.writeInbound(Unpooled.buffer().writeByte(Iperf3.SERVER_ERROR).writeInt(121).writeShort(0));
        assertEquals(List.of("state -2"), r.events);
        ch.writeInbound(Unpooled.buffer().writeShort(11));
        assertEquals(List.of("state -2", "error 121 11"), r.events);
    }

    @Test
    void oversizeAndZeroLengthsAreRejectedWithoutAllocating() {
        for (long len : new long[] {0xFFFFFFFFL, Iperf3.MAX_PARAMS_JSON + 1, 0}) {
            Recorder r = new Recorder();
            EmbeddedChannel ch = channel(r, ControlDecoder.Expect.COOKIE);
            ch.writeInbound(Unpooled.wrappedBuffer(Cookie.make()), Unpooled.buffer().writeInt((int) len));
            assertEquals(2, r.events.size(), "length " + len + ": " + r.events);
            assertEquals("protocol " + Iperf3.IERECVPARAMS, r.events.get(1));
            assertTrue(!ch.isOpen(), "closed after length " + len);
        }
    }

    @Test
    void aHalfSentCookieTimesOut() {
        Recorder r = new Recorder();
        r.decoder = new ControlDecoder(r, ControlDecoder.Expect.COOKIE, 0);
        r.decoder.expect(ControlDecoder.Expect.COOKIE, 0, 500);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(r.decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'a', 'b', 'c', 'd', 'e'}));
        ch.advanceTimeBy(400, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of(), r.events);
        ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of("protocol " + Iperf3.IERECVCOOKIE), r.events);
        assertTrue(!ch.isOpen());
    }

    @Test
    void garbageWhereAStateIsExpectedIsJustAStateByteForTheOwnerToJudge() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ControlDecoder.Expect.STATE);
        ch.writeInbound(Unpooled.wrappedBuffer("GET /".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("state 71", r.events.get(0)); // 'G': the server answers it as an unknown message
    }

    @Test
    void aCookieMatchesAsACString() {
        byte[] a = Cookie.make();
        byte[] b = a.clone();
        assertTrue(Cookie.matches(a, b));
        b[3] ^= 1;
        assertTrue(!Cookie.matches(a, b));
        assertEquals(36, Cookie.text(a).length());
        assertTrue(Cookie.text(a).matches("[a-z2-7]{36}"));
        assertEquals(0, a[36]);
    }
}

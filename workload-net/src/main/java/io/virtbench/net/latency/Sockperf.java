package io.virtbench.net.latency;

import java.nio.ByteBuffer;

/**
 * sockperf's message header (3.7, src/message.h), which virtbench's ping-pong client and server
 * speak so that either side can be the native tool: 14 bytes in network byte order, a 64-bit
 * sequence number, 16 bits of flags and the 32-bit length of the whole message (header
 * included), followed by the payload. A server answers a client's message that asks for a pong
 * with the same bytes, the client flag cleared; it ignores warm-up messages and servers'
 * messages. Over TCP the length field frames the messages.
 */
public final class Sockperf {
    /** Header bytes: the smallest message ({@code -m} minimum). */
    public static final int HEADER = 14;
    /** Largest UDP message (sockperf's MAX_PAYLOAD_SIZE). */
    public static final int MAX_UDP = 65507;
    /** Largest TCP message (sockperf's MAX_TCP_SIZE). */
    public static final int MAX_TCP = (1 << 20) - 1;
    /** sockperf's default port. */
    public static final int DEFAULT_PORT = 11111;

    static final int FLAG_CLIENT = 1;
    static final int FLAG_PONG_REQUEST = 2;
    static final int FLAG_WARMUP = 4;

    private static final int OFFSET_FLAGS = 8;
    private static final int OFFSET_LENGTH = 10;

    private Sockperf() {
    }

    /** Writes a client's pong request header at the buffer's index 0 (absolute puts: no position change). */
    static void putRequest(ByteBuffer b, long seq, int length) {
        b.putLong(0, seq);
        b.putShort(OFFSET_FLAGS, (short) (FLAG_CLIENT | FLAG_PONG_REQUEST));
        b.putInt(OFFSET_LENGTH, length);
    }

    static long seq(ByteBuffer b, int at) {
        return b.getLong(at);
    }

    static int flags(ByteBuffer b, int at) {
        return b.getShort(at + OFFSET_FLAGS) & 0xffff;
    }

    /** The message length the header at {@code at} announces (negative when above 2^31, i.e. invalid). */
    static int length(ByteBuffer b, int at) {
        return b.getInt(at + OFFSET_LENGTH);
    }

    /** Whether a server answers this message: a client's pong request that is not a warm-up. */
    static boolean wantsPong(int flags) {
        return (flags & FLAG_CLIENT) != 0 && (flags & FLAG_PONG_REQUEST) != 0 && (flags & FLAG_WARMUP) == 0;
    }

    /** Turns the request at {@code at} into its answer in place (sockperf's setServer). */
    static void markAnswer(ByteBuffer b, int at, int flags) {
        b.putShort(at + OFFSET_FLAGS, (short) (flags & ~FLAG_CLIENT));
    }
}

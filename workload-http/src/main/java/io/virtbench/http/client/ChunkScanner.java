package io.virtbench.http.client;

import io.netty.buffer.ByteBuf;

/**
 * The chunked transfer coding of a response body, scanned only to find where the body ends. One
 * per connection slot, reset for each response: scanning allocates nothing.
 */
final class ChunkScanner {
    private static final int CHUNK_SIZE = 1;
    private static final int CHUNK_EXT = 2;
    private static final int CHUNK_DATA = 3;
    private static final int CHUNK_DATA_END = 4;
    private static final int CHUNK_TRAILER = 5;
    private static final int CHUNK_TRAILER_LINE = 6;
    private static final int CHUNK_DONE = 7;

    private int state;
    private long left;

    void scan(ByteBuf buf, int from, int len) {
        int i = from;
        int stop = from + len;
        while (i < stop && state != CHUNK_DONE) {
            switch (state) {
                case CHUNK_SIZE -> {
                    int b = buf.getByte(i++);
                    int d = Character.digit(b, 16);
                    if (d >= 0) {
                        left = left * 16 + d;
                    } else if (b == '\n') {
                        state = left == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                    } else if (b != '\r') {
                        state = CHUNK_EXT;
                    }
                }
                case CHUNK_EXT -> {
                    if (buf.getByte(i++) == '\n') {
                        state = left == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(left, stop - i);
                    i += n;
                    left -= n;
                    if (left == 0) {
                        state = CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END -> {
                    if (buf.getByte(i++) == '\n') {
                        state = CHUNK_SIZE;
                    }
                }
                case CHUNK_TRAILER -> {
                    int b = buf.getByte(i++);
                    if (b == '\n') {
                        state = CHUNK_DONE;
                    } else if (b != '\r') {
                        state = CHUNK_TRAILER_LINE;
                    }
                }
                case CHUNK_TRAILER_LINE -> {
                    if (buf.getByte(i++) == '\n') {
                        state = CHUNK_TRAILER;
                    }
                }
                default -> i = stop;
            }
        }
    }

    /** Forgets the previous response (no chunked body). */
    void reset() {
        state = 0;
        left = 0;
    }

    /** A chunked body starts: its first chunk-size line comes next. */
    void start() {
        state = CHUNK_SIZE;
    }

    /** Whether the last chunk and the trailer have been read. */
    boolean done() {
        return state == CHUNK_DONE;
    }
}

package io.virtbench.http.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers of the target server's request parser and response writer (no allocation per request). */
final class HttpBytes {
    private HttpBytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(ByteBuf in, int at, String s) {
        if (at + s.length() > in.writerIndex()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (in.getByte(at + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Header name at {@code at} equals lower-case {@code name}, ignoring ASCII case. */
    static boolean nameIs(ByteBuf in, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            int b = in.getByte(at + i);
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether lower-case {@code token} occurs in {@code [from, to)}, ignoring ASCII case. */
    static boolean contains(ByteBuf in, int from, int to, String token) {
        int last = to - token.length();
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < token.length(); j++) {
                int b = in.getByte(i + j);
                if (b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (b != token.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A decimal number in {@code [from, to)} between optional blanks, or -1. */
    static long number(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++;
        }
        int e = to;
        while (e > i && (in.getByte(e - 1) == ' ' || in.getByte(e - 1) == '\t')) {
            e--;
        }
        if (i == e || e - i > 18) {
            return -1;
        }
        long v = 0;
        for (; i < e; i++) {
            int b = in.getByte(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    /** The number after {@code key} in a query string {@code [from, to)}; the default when absent, -1 when malformed. */
    static long queryNumber(ByteBuf in, int from, int to, String key) {
        int i = from;
        while (i < to) {
            int amp = in.indexOf(i, to, (byte) '&');
            int end = amp < 0 ? to : amp;
            if (end - i > key.length() && startsWith(in, i, key)) {
                return number(in, i + key.length(), end);
            }
            i = end + 1;
        }
        return ServeOptions.DEFAULT_CPU_N;
    }

    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    static void writeDecimal(ByteBuf buf, long v) {
        if (v < 0) {
            buf.writeByte('-');
            v = -v;
        }
        int d = digits(v);
        int at = buf.writerIndex();
        buf.ensureWritable(d);
        for (int i = d - 1; i >= 0; i--) {
            buf.setByte(at + i, (int) ('0' + v % 10));
            v /= 10;
        }
        buf.writerIndex(at + d);
    }
}

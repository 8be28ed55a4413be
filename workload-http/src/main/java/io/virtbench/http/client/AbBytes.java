package io.virtbench.http.client;

import java.util.Locale;

/** Byte helpers as ab uses them on the response (strstr, xstrcasestr, atoi and its server name). */
final class AbBytes {

    private AbBytes() {
    }

    static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    static final byte[] LFLF = {'\n', '\n'};
    static final byte[] HTTP = {'H', 'T', 'T', 'P'};
    static final byte[] KEEP_ALIVE = lower("Keep-Alive");
    static final byte[] CONTENT_LENGTH = lower("Content-Length:");
    static final byte[] SERVER = lower("Server:");
    static final byte[] CONNECTION_CLOSE = lower("Connection: close");
    static final byte[] CHUNKED = lower("Transfer-Encoding: chunked");

    private static byte[] lower(String s) {
        return s.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** First index of {@code needle} in {@code a[from, to)}, or -1 (case-sensitive, as strstr). */
    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** First index of lower-case {@code needle} in {@code a[from, to)} ignoring ASCII case (ab's xstrcasestr). */
    static int indexOfIgnoreCase(byte[] a, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                int b = a[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** C's atoi on {@code a[from, to)}: leading blanks, an optional sign, then digits. */
    static int atoi(byte[] a, int from, int to) {
        int i = from;
        while (i < to && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r' || a[i] == 0x0b || a[i] == '\f')) {
            i++;
        }
        boolean neg = false;
        if (i < to && (a[i] == '-' || a[i] == '+')) {
            neg = a[i] == '-';
            i++;
        }
        long v = 0;
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            v = v * 10 + (a[i] - '0');
            if (v > Integer.MAX_VALUE) {
                v = Integer.MAX_VALUE;
            }
            i++;
        }
        return (int) (neg ? -v : v);
    }

    /** ab's server name: after the first "Server:" (any case) skip 8 bytes, copy bytes above space. */
    static String serverOf(byte[] a, int len) {
        int p = indexOfIgnoreCase(a, 0, len, SERVER);
        if (p < 0) {
            return "";
        }
        p += 8;
        int q = p;
        while (q < len && (a[q] & 0xff) > 32 && q - p < 1023) {
            q++;
        }
        return p >= len ? "" : new String(a, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}

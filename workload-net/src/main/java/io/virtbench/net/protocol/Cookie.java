package io.virtbench.net.protocol;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 37-byte test cookie (util.c {@code make_cookie}): 36 characters from
 * {@code abcdefghijklmnopqrstuvwxyz234567}, each a random byte modulo 32, then a NUL. The server
 * stores the control connection's cookie without checking it and compares every data
 * connection's cookie with it as a C string, i.e. up to the first NUL.
 */
public final class Cookie {
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Cookie() {
    }

    /** A fresh cookie as it goes on the wire (37 bytes, the last one 0). */
    public static byte[] make() {
        byte[] c = new byte[Iperf3.COOKIE_SIZE];
        RANDOM.nextBytes(c);
        for (int i = 0; i < c.length - 1; i++) {
            c[i] = ALPHABET[(c[i] & 0xFF) % ALPHABET.length];
        }
        c[c.length - 1] = 0;
        return c;
    }

    /** The cookie's text: the bytes up to the first NUL (ISO-8859-1, so any byte maps to one char). */
    public static String text(byte[] cookie) {
        return new String(cookie, 0, cLength(cookie), StandardCharsets.ISO_8859_1);
    }

    /** C's {@code strcmp(a, b) == 0} on two cookie buffers. */
    public static boolean matches(byte[] a, byte[] b) {
        int la = cLength(a);
        int lb = cLength(b);
        return la == lb && Arrays.equals(a, 0, la, b, 0, lb);
    }

    private static int cLength(byte[] c) {
        for (int i = 0; i < c.length; i++) {
            if (c[i] == 0) {
                return i;
            }
        }
        return c.length;
    }
}

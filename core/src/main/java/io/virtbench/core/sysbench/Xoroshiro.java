package io.virtbench.core.sysbench;

import java.util.concurrent.ThreadLocalRandom;

/**
 * sysbench 1.0.20's per-thread generator (src/sb_rand.h, src/xoroshiro128plus.h): xoroshiro128+
 * with rotations 55/14/36, uniform doubles from its top 52 bits, and {@code sb_rand_uniform}.
 * One instance per thread; not thread-safe; nothing is allocated per number.
 */
public final class Xoroshiro {
    private long s0;
    private long s1;

    public Xoroshiro(long seed0, long seed1) {
        s0 = seed0;
        s1 = seed1;
        if (s0 == 0 && s1 == 0) {
            s1 = 1; // xoroshiro's state must not be all zero
        }
    }

    /** Seeded from a thread-local source, as sysbench seeds each thread from libc's random(). */
    public static Xoroshiro seeded() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new Xoroshiro(r.nextLong(), r.nextLong());
    }

    /** The next 64-bit number. */
    public long next() {
        final long a = s0;
        long b = s1;
        final long result = a + b;
        b ^= a;
        s0 = Long.rotateLeft(a, 55) ^ b ^ (b << 14);
        s1 = Long.rotateLeft(b, 36);
        return result;
    }

    /** sb_rand_uniform_double: the top 52 bits as the mantissa of a number in [1, 2), minus 1. */
    public double uniformDouble() {
        return Double.longBitsToDouble(0x3FFL << 52 | next() >>> 12) - 1.0;
    }

    /** sb_rand_uniform(a, b) for 0 &le; a &le; b &lt; 2^31: a + (uint32)(u * (b − a + 1)). */
    public int uniform(int a, int b) {
        return a + (int) (uniformDouble() * ((long) b - a + 1));
    }
}

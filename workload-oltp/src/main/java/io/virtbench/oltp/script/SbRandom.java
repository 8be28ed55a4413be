package io.virtbench.oltp.script;

import io.virtbench.core.sysbench.Xoroshiro;

/**
 * sysbench 1.0.20's random numbers (src/sb_rand.c, src/xoroshiro128plus.h): a per-thread
 * xoroshiro128+ generator, uniform doubles from its top 52 bits, and the distributions of
 * {@code --rand-type} (uniform, gaussian, special, pareto) with sysbench's exact arithmetic,
 * including the C conversions to unsigned 32-bit integers. One instance per thread; not thread-safe.
 */
public final class SbRandom {
    /** The distributions of {@code --rand-type}. */
    public enum Type {
        UNIFORM, GAUSSIAN, SPECIAL, PARETO;

        public static Type parse(String s) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(s)) {
                    return t;
                }
            }
            return null;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The knobs of the distributions, as sysbench's --rand-* options. */
    public record Spec(Type type, int specIter, int specPct, int specRes, double paretoH) {
        public static final int DEFAULT_ITER = 12;
        public static final int DEFAULT_PCT = 1;
        public static final int DEFAULT_RES = 75;
        public static final double DEFAULT_PARETO_H = 0.2;

        public static Spec defaults() {
            return new Spec(Type.SPECIAL, DEFAULT_ITER, DEFAULT_PCT, DEFAULT_RES, DEFAULT_PARETO_H);
        }
    }

    private final Xoroshiro gen;
    private final Type type;
    private final int iter;
    private final double iterMult;
    private final double pctMult;
    private final double pct2Mult;
    private final double resMult;
    private final double paretoPower;

    public SbRandom(long seed0, long seed1, Spec spec) {
        this.gen = new Xoroshiro(seed0, seed1);
        this.type = spec.type();
        this.iter = spec.specIter();
        this.iterMult = 1.0 / spec.specIter();
        this.pctMult = spec.specPct() / 100.0;
        this.pct2Mult = spec.specPct() / 200.0;
        this.resMult = 100.0 / (100.0 - spec.specRes());
        this.paretoPower = Math.log(spec.paretoH()) / Math.log(1.0 - spec.paretoH());
    }

    /** xoroshiro128+ (rotations 55/14/36). */
    public long next() {
        return gen.next();
    }

    /** A double in [0, 1): the top 52 bits as the mantissa of a number in [1, 2), minus 1. */
    public double uniformDouble() {
        return gen.uniformDouble();
    }

    /** C's conversion of a non-negative double to uint32_t (truncation; values are in range here). */
    private static long u32(double d) {
        return ((long) d) & 0xFFFFFFFFL;
    }

    /** sb_rand_uniform: a + (uint32)(u * (b - a + 1)). */
    public long uniform(long a, long b) {
        return (a + u32(uniformDouble() * (b - a + 1))) & 0xFFFFFFFFL;
    }

    /** sb_rand_gaussian. */
    public long gaussian(long a, long b) {
        double t = b - a + 1;
        double sum = 0;
        for (int i = 0; i < iter; i++) {
            sum += uniformDouble() * t;
        }
        return (a + u32(sum * iterMult)) & 0xFFFFFFFFL;
    }

    /** sb_rand_special: a bell curve for (100 - res)% of values, a narrow band in the middle for res%. */
    public long special(long a, long b) {
        double t = b - a;
        double rangeSize = t * resMult;
        double rnd = uniformDouble();
        double res = rnd * rangeSize;
        if (res < t) {
            double sum = 0;
            for (int i = 0; i < iter; i++) {
                sum += uniformDouble();
            }
            // C: return a + sum * t * rand_iter_mult;  (uint32 + double, converted to uint32)
            return u32(a + sum * t * iterMult);
        }
        double d = t * pctMult;
        res = rnd * (d + 1);
        res += t / 2 - t * pct2Mult;
        return (a + u32(res)) & 0xFFFFFFFFL;
    }

    /** sb_rand_pareto. */
    public long pareto(long a, long b) {
        return (a + u32((b - a + 1) * Math.pow(uniformDouble(), paretoPower))) & 0xFFFFFFFFL;
    }

    /** sb_rand_default: the distribution of --rand-type. */
    public long next(long a, long b) {
        return switch (type) {
            case SPECIAL -> special(a, b);
            case UNIFORM -> uniform(a, b);
            case GAUSSIAN -> gaussian(a, b);
            case PARETO -> pareto(a, b);
        };
    }

    /**
     * sb_rand_str: every '#' of {@code template} becomes a uniform digit, every '@' a uniform
     * letter a..z, into {@code out} (same length), without allocating.
     */
    public void fill(String template, char[] out) {
        for (int i = 0; i < out.length; i++) {
            char c = template.charAt(i);
            if (c == '#') {
                out[i] = (char) uniform('0', '9');
            } else if (c == '@') {
                out[i] = (char) uniform('a', 'z');
            } else {
                out[i] = c;
            }
        }
    }
}

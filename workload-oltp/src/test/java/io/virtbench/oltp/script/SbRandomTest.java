package io.virtbench.oltp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sysbench's generator and distributions (src/sb_rand.c). */
class SbRandomTest {
    static SbRandom rnd(SbRandom.Type t) {
        return new SbRandom(0x123456789abcdefL, 0xfedcba987654321L, new SbRandom.Spec(t, 12, 1, 75, 0.2));
    }

    @Test
    void xoroshiro128PlusReferenceValues() {
        // xoroshiro128+ (55/14/36) from state {1, 2}: s0+s1, then the state update
        SbRandom r = new SbRandom(1, 2, SbRandom.Spec.defaults());
        assertEquals(3L, r.next());
        long s0 = Long.rotateLeft(1L, 55) ^ 3L ^ (3L << 14);
        long s1 = Long.rotateLeft(3L, 36);
        assertEquals(s0 + s1, r.next());
        double u = new SbRandom(1, 2, SbRandom.Spec.defaults()).uniformDouble();
        assertEquals(Double.longBitsToDouble(0x3FFL << 52 | 3L >>> 12) - 1.0, u);
    }

    @Test
    void specialPutsThreeQuartersInTheMiddlePercent() {
        SbRandom r = rnd(SbRandom.Type.SPECIAL);
        int n = 400_000;
        int middle = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < n; i++) {
            long v = r.next(1, 10000);
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v >= 4975 && v <= 5051) {
                middle++;
            }
        }
        double share = (double) middle / n;
        // 75 % from the narrow band + the bell curve's own share of it (about 1 % of 25 %)
        assertTrue(share > 0.75 && share < 0.78, "share " + share);
        assertTrue(min >= 1 && max <= 10000, min + ".." + max);
        assertTrue(max < 10000, "special's bell curve covers [a, b): " + max);
    }

    @Test
    void uniformCoversTheRangeEvenly() {
        SbRandom r = rnd(SbRandom.Type.UNIFORM);
        int[] counts = new int[11];
        for (int i = 0; i < 110_000; i++) {
            long v = r.uniform(1, 10);
            assertTrue(v >= 1 && v <= 10);
            counts[(int) v]++;
        }
        for (int v = 1; v <= 10; v++) {
            assertTrue(Math.abs(counts[v] - 11_000) < 600, v + ": " + counts[v]);
        }
        assertEquals(7, r.uniform(7, 7));
    }

    @Test
    void gaussianAndParetoStayInRange() {
        SbRandom g = rnd(SbRandom.Type.GAUSSIAN);
        SbRandom p = rnd(SbRandom.Type.PARETO);
        double sum = 0;
        int low = 0;
        for (int i = 0; i < 50_000; i++) {
            long a = g.next(1, 1000);
            long b = p.next(1, 1000);
            assertTrue(a >= 1 && a <= 1000 && b >= 1 && b <= 1000);
            sum += a;
            if (b <= 200) {
                low++;
            }
        }
        assertEquals(500, sum / 50_000, 10);
        assertTrue(low > 0.75 * 50_000, "pareto h=0.2: 80 % of values in the first 20 %: " + low);
    }

    @Test
    void randomStringsFollowTheTemplate() {
        SbRandom r = rnd(SbRandom.Type.SPECIAL);
        char[] c = new char[OltpSql.C_TEMPLATE.length()];
        r.fill(OltpSql.C_TEMPLATE, c);
        assertTrue(new String(c).matches("(\\d{11}-){9}\\d{11}"), new String(c));
        char[] x = new char[5];
        r.fill("@#-@#", x);
        assertTrue(new String(x).matches("[a-z]\\d-[a-z]\\d"), new String(x));
    }
}

package io.virtbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void twoLongestDurationsStillFitInALongOfNanoseconds() {
        long max = Limits.nanos(Limits.MAX_SECONDS);
        assertEquals(1_000_000_000_000_000_000L, max);
        // a deadline is start + warm-up + time: it must not wrap for any start within centuries of uptime
        assertTrue(Long.MAX_VALUE - 2 * max > 7_000_000_000_000_000_000L);
    }

    @Test
    void outOfRangeValuesAreUsageErrorsNamingTheOption() {
        for (double bad : new double[] {-1, 1e10, Double.NaN, Double.POSITIVE_INFINITY}) {
            UserException e = assertThrows(UserException.class, () -> Limits.seconds("--time", bad));
            assertEquals(UserException.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("invalid value for --time: "), e.getMessage());
        }
        assertThrows(UserException.class, () -> Limits.positiveSeconds("-s", 0));
        assertThrows(UserException.class, () -> Limits.rate("--rate", 1e-12));
        assertThrows(UserException.class, () -> Limits.rate("--rate", 2e9));
        assertThrows(UserException.class, () -> Limits.count("--repeat", 0, Limits.MAX_RUNS));
        assertThrows(UserException.class, () -> Limits.count("--repeat", Limits.MAX_RUNS + 1, Limits.MAX_RUNS));
        assertEquals(0, Limits.rate("--rate", 0));
        assertEquals(1e9, Limits.seconds("--time", 1e9));
    }

    @Test
    void runSettingsRefuseWhatWouldWrap() {
        RunSettings d = RunSettings.defaults();
        UserException e = assertThrows(UserException.class, () -> d.withWarmupTime(1e10));
        assertTrue(e.getMessage().contains("--warmup-time"), e.getMessage());
        assertThrows(UserException.class, () -> d.withTime(1e10));
        assertThrows(UserException.class, () -> d.withReportInterval(1e10));
        assertThrows(UserException.class, () -> d.withRate(1e300));
        assertEquals(1e9, d.withTime(1e9).withWarmupTime(1e9).time());
    }
}

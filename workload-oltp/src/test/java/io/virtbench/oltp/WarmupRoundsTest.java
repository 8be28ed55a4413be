package io.virtbench.oltp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmupRoundsTest {
    @Test
    void roundsOfAtLeastFourSecondsAtMostFive() {
        assertEquals(1, OltpSession.warmupRounds(0.5));
        assertEquals(1, OltpSession.warmupRounds(7.9));
        assertEquals(2, OltpSession.warmupRounds(8));
        assertEquals(2, OltpSession.warmupRounds(10)); // the crosscheck's default --jvm-warmup
        assertEquals(5, OltpSession.warmupRounds(20)); // bench/crosscheck-all.sh's
        assertEquals(5, OltpSession.warmupRounds(600));
    }
}

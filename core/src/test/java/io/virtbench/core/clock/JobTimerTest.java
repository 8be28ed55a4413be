package io.virtbench.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTimerTest {
    @Test
    void lapsKeepTheirOrderAndAddUpToNoMoreThanTheWholeJob() throws InterruptedException {
        JobTimer job = JobTimer.start();
        double checkout = job.lap("checkout");
        Thread.sleep(5);
        double compile = job.lap("compile");
        double test = job.lap("test");
        double whole = job.whole().elapsedSeconds();

        Map<String, Double> laps = job.laps();
        assertEquals(List.of("checkout", "compile", "test"), List.copyOf(laps.keySet()));
        assertEquals(checkout, laps.get("checkout"));
        assertEquals(compile, laps.get("compile"));
        assertEquals(test, laps.get("test"));
        assertTrue(checkout >= 0 && test >= 0, laps.toString());
        assertTrue(compile >= 0.005, "the sleep lies inside the compile lap: " + laps);
        // one lap ends where the next begins, so the laps never exceed the whole
        assertTrue(checkout + compile + test <= whole, laps + " vs " + whole);
    }

    @Test
    void thePhasesHandedOutAreACopy() {
        JobTimer job = JobTimer.start();
        job.lap("checkout");
        Map<String, Double> before = job.laps();
        job.lap("compile");
        assertEquals(1, before.size());
        assertEquals(2, job.laps().size());
        assertThrows(UnsupportedOperationException.class, () -> job.laps().put("x", 1.0));
    }

    @Test
    void aPhaseIsTimedOnce() {
        JobTimer job = JobTimer.start();
        job.lap("test");
        assertThrows(IllegalArgumentException.class, () -> job.lap("test"));
    }
}

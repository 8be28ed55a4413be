package io.virtbench.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class ThreadsWorkloadTest {

    @Test
    void defaultsAreSysbenchs() {
        assertEquals(new ThreadsOptions(1000, 8), ThreadsOptions.defaults());
    }

    @Test
    void eventsTakeTheMutexesInTurnWithAnUnsignedCounter() {
        assertEquals(0, ThreadsWorkload.lockFor(0, 8));
        assertEquals(7, ThreadsWorkload.lockFor(15, 8));
        // the counter wraps as C's unsigned int: 2^32 - 1 mod 8 = 7, 2^31 mod 3 = 2
        assertEquals(7, ThreadsWorkload.lockFor(-1, 8));
        assertEquals(2, ThreadsWorkload.lockFor(Integer.MIN_VALUE, 3));
    }

    @Test
    void threadsShareTheMutexesAndReleaseThemAll() throws Exception {
        ThreadsWorkload w = new ThreadsWorkload(new ThreadsOptions(50, 2));
        Measurement m = Harness.run(w, RunSettings.defaults().withThreads(4).withTime(0).withEvents(400), Harness.SILENT,
                StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status());
        assertEquals(400, m.events());
        ReentrantLock[] locks = w.locks();
        assertEquals(2, locks.length);
        for (ReentrantLock l : locks) {
            assertFalse(l.isLocked());
        }
    }

    @Test
    void badValuesNameTheirOption() {
        UserException e = assertThrows(UserException.class, () -> new ThreadsOptions(-1, 8));
        assertTrue(e.getMessage().contains("--thread-yields"));
        assertEquals(UserException.USAGE, e.exitCode());
        e = assertThrows(UserException.class, () -> new ThreadsOptions(10, 0));
        assertTrue(e.getMessage().contains("--thread-locks"));
    }
}

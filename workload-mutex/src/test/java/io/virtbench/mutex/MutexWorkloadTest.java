package io.virtbench.mutex;

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

class MutexWorkloadTest {

    @Test
    void defaultsAreSysbenchs() {
        assertEquals(new MutexOptions(4096, 50000, 10000), MutexOptions.defaults());
    }

    @Test
    void everyThreadRunsOneEventOfAllItsLocks() throws Exception {
        MutexWorkload w = new MutexWorkload(new MutexOptions(1, 20000, 10));
        Measurement m = Harness.run(w, RunSettings.defaults().withThreads(3).withTime(60), Harness.SILENT,
                StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status());
        assertEquals(3, m.events());
        m.threads().forEach(t -> assertEquals(1, t.events()));
        // one mutex: every increment is under the same lock, so none is lost
        assertEquals(60000, w.globalVar);
        for (ReentrantLock l : w.locks()) {
            assertFalse(l.isLocked());
        }
    }

    @Test
    void anEventLimitBelowTheThreadsStopsTheOthers() throws Exception {
        Measurement m = Harness.run(new MutexWorkload(new MutexOptions(16, 1000, 10)),
                RunSettings.defaults().withThreads(4).withTime(0).withEvents(1), Harness.SILENT, StopSignal.never());
        assertEquals(1, m.events());
        assertEquals(3, m.threads().stream().filter(t -> t.events() == 0).count());
    }

    @Test
    void badValuesNameTheirOption() {
        String[] named = {"--mutex-num", "--mutex-locks", "--mutex-loops"};
        int[][] bad = {{0, 1, 1}, {1, 0, 1}, {1, 1, -1}};
        for (int i = 0; i < bad.length; i++) {
            int[] b = bad[i];
            UserException e = assertThrows(UserException.class, () -> new MutexOptions(b[0], b[1], b[2]));
            assertEquals(UserException.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains(named[i]), e.getMessage());
        }
    }
}

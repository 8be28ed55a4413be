package io.virtbench.mutex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser against real sysbench 1.0.20 mutex output (test resources). */
class SysbenchMutexTest {

    @Test
    void readsTheDefaultRun() throws NativeParseException {
        RunResult r = SysbenchMutex.parse("mutex-default.txt", Logs.read("mutex-default.txt")).get(0);
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(2, r.value("total_events"));
        assertEquals(1.5422, r.value("total_time_seconds"));
        assertEquals(1504.77, r.value("latency_avg_ms"));
        assertEquals(1539.84, r.latency().maxMs());
        assertEquals(1.0, r.fairness().eventsAvg());
        assertEquals(1.5048, r.fairness().executionTimeAvg());
    }

    @Test
    void readsASmallRunWithThreeThreads() throws NativeParseException {
        RunResult r = SysbenchMutex.parse("x", Logs.read("mutex-small.txt")).get(0);
        assertEquals(3L, r.parameters().get("threads"));
        assertEquals(3, r.value("total_events"));
        assertEquals(0.0007, r.value("total_time_seconds"));
    }

    @Test
    void aTestWithItsOwnSectionIsNotMutex() {
        String cpu = Logs.read("mutex-default.txt").replace("Threads started!\n",
                "Threads started!\n\nCPU speed:\n    events per second:   502.70\n");
        assertThrows(NativeParseException.class, () -> SysbenchMutex.parse("cpu", cpu));
        assertFalse(new SysbenchMutexImporter().accepts(Path.of("run.log"), cpu));
    }

    @Test
    void theImporterTellsMutexFromThreadsLogs() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof SysbenchMutexImporter));
        SysbenchMutexImporter imp = new SysbenchMutexImporter();
        String mutex = Logs.read("mutex-default.txt");
        assertTrue(imp.accepts(Path.of("run1.log"), mutex));
        assertTrue(imp.accepts(Path.of("mutex-small.txt"), Logs.read("mutex-small.txt")));
        assertFalse(imp.accepts(Path.of("threads.log"), mutex), "the file name says threads");
        String threads = Logs.read("threads-default.txt");
        assertFalse(imp.accepts(Path.of("run1.log"), threads), "threads ran more than one event each");
        assertTrue(imp.accepts(Path.of("mutex.log"), threads), "unless the file name says mutex");
    }

    @Test
    void theEquivalentCommandLine() {
        assertEquals(List.of("sysbench", "mutex", "--mutex-num=4096", "--mutex-locks=50000", "--mutex-loops=10000",
                        "--threads=2", "--time=10", "--events=0", "run"),
                SysbenchMutex.command(MutexOptions.defaults(), RunSettings.defaults().withThreads(2)));
    }
}

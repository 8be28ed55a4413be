package io.virtbench.threads;

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

/** The parser against real sysbench 1.0.20 threads output (test resources). */
class SysbenchThreadsTest {

    @Test
    void readsTheDefaultRunWithIntervals() throws NativeParseException {
        RunResult r = SysbenchThreads.parse("threads-default.txt", Logs.read("threads-default.txt")).get(0);
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(1L, r.parameters().get("threads"));
        assertEquals(272, r.value("total_events"));
        assertEquals(2.0120, r.value("total_time_seconds"));
        assertEquals(272 / 2.0120, r.value("events_per_second"), 1e-9);
        assertEquals(7.35, r.latency().avgMs());
        assertEquals(16.41, r.value("latency_p95_ms"));
        assertEquals(2, r.intervals().size());
        assertEquals(122.66, r.intervals().get(1).values().get("events_per_second"));
        assertEquals(17.95, r.intervals().get(1).values().get("latency_p95_ms"));
    }

    @Test
    void readsFourThreads() throws NativeParseException {
        RunResult r = SysbenchThreads.parse("x", Logs.read("threads-4.txt")).get(0);
        assertEquals(4L, r.parameters().get("threads"));
        assertTrue(r.value("total_events") > 4);
        assertEquals(r.value("total_events") / 4, r.fairness().eventsAvg(), 0.0001);
    }

    @Test
    void aTestWithItsOwnSectionIsNotThreads() {
        String memory = Logs.read("threads-default.txt").replace("Threads started!\n",
                "Threads started!\n\nTotal operations: 5 (2.00 per second)\n");
        assertThrows(NativeParseException.class, () -> SysbenchThreads.parse("m", memory));
        assertThrows(NativeParseException.class, () -> SysbenchThreads.parse("x", "hello\n"));
    }

    @Test
    void theImporterTellsThreadsFromMutexLogs() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof SysbenchThreadsImporter));
        SysbenchThreadsImporter imp = new SysbenchThreadsImporter();
        String threads = Logs.read("threads-4.txt");
        assertTrue(imp.accepts(Path.of("threads-4.txt"), threads));
        assertTrue(imp.accepts(Path.of("run1.log"), threads));
        assertFalse(imp.accepts(Path.of("mutex.log"), threads), "the file name says mutex");
        String mutex = Logs.read("mutex-default.txt");
        assertFalse(imp.accepts(Path.of("run1.log"), mutex), "one event per thread is the mutex test");
        assertTrue(imp.accepts(Path.of("threads.log"), mutex), "unless the file name says threads");
        assertFalse(imp.accepts(Path.of("cpu.log"), threads.replace("Threads started!\n",
                "Threads started!\n\nCPU speed:\n    events per second:   502.70\n")));
    }

    @Test
    void theEquivalentCommandLine() {
        assertEquals(List.of("sysbench", "threads", "--thread-yields=1000", "--thread-locks=8", "--threads=2", "--time=10",
                "--events=0", "run"), SysbenchThreads.command(ThreadsOptions.defaults(), RunSettings.defaults().withThreads(2)));
    }
}

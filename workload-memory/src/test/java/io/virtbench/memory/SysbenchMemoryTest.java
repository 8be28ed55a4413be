package io.virtbench.memory;

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

/** The parser against real sysbench 1.0.20 memory output (test resources). */
class SysbenchMemoryTest {

    @Test
    void readsTheDefaultRunWithIntervals() throws NativeParseException {
        RunResult r = SysbenchMemory.parse("memory-default.txt", Logs.read("memory-default.txt")).get(0);
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(1024L, r.parameters().get("memory-block-size"));
        assertEquals(100L << 30, r.parameters().get("memory-total-size"));
        assertEquals("write", r.parameters().get("memory-oper"));
        assertEquals("global", r.parameters().get("memory-scope"));
        assertEquals(1210081.95, r.value("operations_per_second"));
        assertEquals(2374.52, r.value("mib_transferred"));
        assertEquals(1181.72, r.value("mib_per_second"));
        assertEquals(2431507, r.value("total_events"));
        assertEquals(2.0081, r.value("total_time_seconds"));
        assertEquals(39.63, r.latency().maxMs());
        assertEquals(2, r.intervals().size());
        assertEquals(1204.62, r.intervals().get(1).values().get("mib_per_second"));
    }

    @Test
    void readsLocalRandomReadsWithTwoThreads() throws NativeParseException {
        RunResult r = SysbenchMemory.parse("x", Logs.read("memory-rnd-read.txt")).get(0);
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(4096L, r.parameters().get("memory-block-size"));
        assertEquals(1L << 30, r.parameters().get("memory-total-size"));
        assertEquals("read", r.parameters().get("memory-oper"));
        assertEquals("local", r.parameters().get("memory-scope"));
        // the whole 1 GiB: 262144 blocks of 4 KiB
        assertEquals(262144, r.value("total_events"));
        assertEquals(1024.00, r.value("mib_transferred"));
    }

    @Test
    void operationNoneHasNoTransferLine() throws NativeParseException {
        RunResult r = SysbenchMemory.parse("x", Logs.read("memory-none.txt")).get(0);
        assertEquals("none", r.parameters().get("memory-oper"));
        assertTrue(r.value("operations_per_second") > 0);
        assertTrue(r.metric("mib_per_second").isEmpty());
        assertEquals(2097152, r.value("total_events"));
    }

    @Test
    void manyRunsInOneLog() throws NativeParseException {
        String log = Logs.read("memory-default.txt") + Logs.read("memory-none.txt") + Logs.read("memory-rnd-read.txt");
        List<RunResult> runs = SysbenchMemory.parse("three", log);
        assertEquals(3, runs.size());
        assertEquals("three:1", runs.get(0).source());
    }

    @Test
    void otherTestsAndBrokenLogsAreErrors() {
        String cpu = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                Running the test with following options:
                Number of threads: 1
                Initializing random number generator from current time


                Prime numbers limit: 10000

                Initializing worker threads...

                Threads started!

                CPU speed:
                    events per second:   502.70

                General statistics:
                    total time:                          10.0001s
                    total number of events:              5029
                """;
        assertThrows(NativeParseException.class, () -> SysbenchMemory.parse("cpu", cpu));
        assertThrows(NativeParseException.class, () -> SysbenchMemory.parse("x", "hello\n"));
        String cut = Logs.read("memory-default.txt");
        assertThrows(NativeParseException.class, () -> SysbenchMemory.parse("cut", cut.substring(0, cut.indexOf("General"))));
        assertFalse(new SysbenchMemoryImporter().accepts(Path.of("cpu.log"), cpu));
    }

    @Test
    void theImporterIsInstalledAndTakesMemoryLogs() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof SysbenchMemoryImporter));
        for (String f : List.of("memory-default.txt", "memory-rnd-read.txt", "memory-none.txt")) {
            assertTrue(new SysbenchMemoryImporter().accepts(Path.of(f), Logs.read(f)), f);
        }
    }

    @Test
    void theEquivalentCommandLine() {
        assertEquals(List.of("sysbench", "memory", "--memory-block-size=1024", "--memory-total-size=107374182400",
                        "--memory-scope=global", "--memory-oper=write", "--memory-access-mode=seq", "--threads=2",
                        "--time=10", "--events=0", "run"),
                SysbenchMemory.command(MemoryOptions.defaults(), RunSettings.defaults().withThreads(2)));
    }
}

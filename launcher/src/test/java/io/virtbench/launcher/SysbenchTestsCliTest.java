package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command lines of sysbench's memory, threads and mutex tests. */
class SysbenchTestsCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommandsAndEveryOptionShowsItsDefault() {
        Cli help = Cli.run("--help");
        for (String cmd : List.of("memory", "threads", "mutex")) {
            assertTrue(help.out().contains("\n  " + cmd + " "), "lists " + cmd + ":\n" + help.out());
        }
        String[][] options = {
                {"memory", "--memory-block-size=SIZE", "1K", "--memory-total-size=SIZE", "100G", "--memory-scope=SCOPE",
                        "global", "--memory-oper=OPER", "write", "--memory-access-mode=MODE", "seq"},
                {"threads", "--thread-yields=N", "1000", "--thread-locks=N", "8"},
                {"mutex", "--mutex-num=N", "4096", "--mutex-locks=N", "50000", "--mutex-loops=N", "10000"},
        };
        for (String[] o : options) {
            Cli c = Cli.run(o[0], "--help");
            assertEquals(0, c.code());
            for (int i = 1; i < o.length; i += 2) {
                int at = c.out().indexOf(o[i]);
                assertTrue(at >= 0, o[i]);
                assertTrue(c.out().indexOf("Default: " + o[i + 1], at) > at, "default of " + o[i] + ":\n" + c.out());
            }
        }
        Cli cc = Cli.run("crosscheck", "--help");
        for (String cmd : List.of("memory", "threads", "mutex")) {
            assertTrue(cc.out().contains("\n  " + cmd + " "), "crosscheck lists " + cmd + ":\n" + cc.out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memory --memory-block-size 1000|--memory-block-size",
            "memory --memory-block-size x|--memory-block-size",
            "memory --memory-total-size -1|--memory-total-size",
            "memory --memory-scope shared|--memory-scope",
            "memory --memory-oper copy|--memory-oper",
            "memory --memory-access-mode random|--memory-access-mode",
            "memory --events 5|--events",
            "memory walk|walk",
            "threads --thread-yields -1|--thread-yields",
            "threads --thread-locks 0|--thread-locks",
            "threads --thread-locks x|--thread-locks",
            "mutex --mutex-num 0|--mutex-num",
            "mutex --mutex-locks 0|--mutex-locks",
            "mutex --mutex-loops -1|--mutex-loops",
            "crosscheck memory --runs 0|--runs",
            "crosscheck memory --events 5|--events",
            "crosscheck threads --thread-locks 0|--thread-locks",
            "crosscheck mutex --mutex-num 0|--mutex-num",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void prepareIsNotImplementedAsInSysbench() {
        for (String t : List.of("memory", "threads", "mutex")) {
            Cli c = Cli.run(t, "prepare");
            assertEquals(1, c.code());
            assertEquals("'" + t + "' test does not implement the 'prepare' command.\n", c.err());
        }
    }

    @Test
    void memoryWritesAResultWithSysbenchsOptionSpelling() throws Exception {
        Path out = tmp.resolve("results");
        Cli c = Cli.run("memory", "--memory_block_size=4K", "--memory-total-size=8M", "--memory-oper=read",
                "--threads=2", "--time=0", "--out", out.toString(), "--format", "json");
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("memory", r.workload());
        assertEquals(2048, r.value("total_events"));
        assertEquals(8.0, r.value("mib_transferred"));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(r, ResultFiles.read(files.findFirst().orElseThrow()));
        }
    }

    @Test
    void threadsAndMutexRunInSysbenchsLayout() {
        Cli t = Cli.run("threads", "--thread-yields=10", "--events=50", "--time=0", "--threads=2");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().startsWith("virtbench (sysbench 1.0.20 compatible)\n"), t.out());
        assertTrue(t.out().contains("    total number of events:              50\n"), t.out());
        Cli m = Cli.run("mutex", "--mutex-locks=100", "--mutex-loops=10", "--threads=3");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("    total number of events:              3\n"), m.out());
        assertTrue(m.out().contains("    events (avg/stddev):           1.0000/0.00\n"), m.out());
    }
}

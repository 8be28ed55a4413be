package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.micro.MicroOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The command line of {@code virtbench micro}. */
class MicroCliTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "micro --op getpid|getpid",
            "micro --op clock,,stat|--op",
            "micro --events -1|--events",
            "micro --op clock --threads 0|--threads",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void helpListsEveryOperation() {
        assertEquals(MicroOp.labels(), MicroCommand.MICRO_OPS);
        Cli c = Cli.run("micro", "--help");
        assertEquals(0, c.code());
        String help = c.out().replaceAll("\\s+", " ");
        for (MicroOp op : MicroOp.values()) {
            assertTrue(help.contains(op.label()), op.label() + " in " + help);
        }
    }

    @Test
    void textIsOneLinePerOperationInTheOrderGiven() {
        Cli c = Cli.run("micro", "--op", "clock,syscall", "--events", "300", "--time", "0");
        assertEquals(0, c.code(), c.err());
        String[] lines = c.out().split("\n");
        assertEquals(3, lines.length, c.out());
        assertTrue(lines[0].startsWith("op "), c.out());
        assertTrue(lines[1].startsWith("clock ") && lines[1].contains(" 300  none"), c.out());
        assertTrue(lines[2].startsWith("syscall ") && lines[2].contains(" 300  lseek"), c.out());
    }

    @Test
    void jsonResultHasNanosecondsPerOperation() throws Exception {
        Cli c = Cli.run("micro", "--op", "read-4k", "--events", "200", "--time", "0", "--format", "json");
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("micro", r.workload());
        assertEquals("read-4k", r.test());
        assertEquals(200, r.value("total_events"));
        double mean = r.value("ns_per_op");
        assertTrue(mean > 0 && r.value("ns_p50") <= r.value("ns_p99"), c.out());
        assertTrue(r.value("ops_per_second") > 0, c.out());
    }
}

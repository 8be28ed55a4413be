package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

class CliTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommand() {
        Cli c = Cli.run("--help");
        assertEquals(0, c.code());
        for (String cmd : List.of("cpu", "crosscheck")) {
            assertTrue(c.out().contains("\n  " + cmd), "lists " + cmd + ":\n" + c.out());
        }
    }

    @Test
    void everyOptionShowsItsDefault() {
        Cli c = Cli.run("cpu", "--help");
        assertEquals(0, c.code());
        for (String opt : List.of("--cpu-max-prime=N", "--threads=N", "--time=SECONDS", "--events=N", "--format=FORMAT",
                "--repeat=N", "--report-interval=SECONDS", "--warmup-time=SECONDS", "--rate=PER_SECOND")) {
            int at = c.out().indexOf(opt);
            assertTrue(at >= 0, opt);
            assertTrue(c.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        assertTrue(c.out().contains("Default: 10000"));
    }

    @Test
    void versionNamesTheCommit() {
        Cli c = Cli.run("--version");
        assertEquals(0, c.code());
        assertTrue(c.out().startsWith("virtbench "), c.out());
        assertTrue(c.out().contains("(git commit "), c.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpu --threads x|--threads",
            "cpu --threads 0|--threads",
            "cpu --cpu-max-prime -5|--cpu-max-prime",
            "cpu --time -1|--time",
            "cpu --no-such-option|--no-such-option",
            "cpu --format xml|--format",
            "cpu --repeat 0|--repeat",
            "cpu --percentile 101|--percentile",
            "nosuchcommand|nosuchcommand",
            "crosscheck cpu --runs 0|--runs",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void underscoresInOptionNamesWorkAsInSysbench() {
        Cli c = Cli.run("cpu", "--cpu_max_prime=500", "--events=5", "--time=0", "--format=json");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("\"cpu-max-prime\" : 500"), c.out());
    }

    @Test
    void prepareIsNotImplementedForCpuAsInSysbench() {
        Cli c = Cli.run("cpu", "prepare");
        assertEquals(1, c.code());
        assertEquals("'cpu' test does not implement the 'prepare' command.\n", c.err());
    }

    @Test
    void jsonOutputIsOneResultThatReadsBack() throws Exception {
        Cli c = Cli.run("cpu", "--cpu-max-prime", "2000", "--events", "50", "--time", "0", "--threads", "2",
                "--format", "json", "--platform", "metal");
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("cpu", r.workload());
        assertEquals(50, r.value("total_events"));
        assertEquals("metal", r.host().platform());
        assertTrue(r.nativeCommand().startsWith("sysbench cpu --cpu-max-prime=2000 --threads=2"));
    }

    @Test
    void repeatWritesEveryRunAndSummarises() throws Exception {
        Path out = tmp.resolve("results");
        Cli c = Cli.run("cpu", "--cpu-max-prime", "2000", "--events", "30", "--time", "0", "--repeat", "3",
                "--out", out.toString(), "--format", "csv");
        assertEquals(0, c.code(), c.err());
        List<String> lines = c.out().lines().toList();
        assertEquals("workload,test,platform,run,status,metric,unit,direction,value,n,mean,stddev,min,median,max,ci95_low,ci95_high",
                lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cpu,,,3,complete,events_per_second,events/s,higher_is_better,")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cpu,,,summary,,events_per_second,events/s,higher_is_better,,3,")));
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.toList();
            assertEquals(3, written.size());
            for (Path p : written) {
                assertEquals(30, ResultFiles.read(p).value("total_events"));
            }
        }
    }

    @Test
    void repeatJsonHasRunsAndSummary() throws Exception {
        Cli c = Cli.run("cpu", "--cpu-max-prime", "1000", "--events", "20", "--time", "0", "--repeat", "2", "--format", "json");
        assertEquals(0, c.code(), c.err());
        JsonNode doc = ResultFiles.mapper().readTree(c.out());
        assertEquals(2, doc.get("runs").size());
        assertEquals(2, doc.get("summary").get("runs").asInt());
        assertTrue(doc.get("summary").get("latency").get("count").asLong() == 40);
    }

    @Test
    void textOutputIsSysbenchsLayout() {
        Cli c = Cli.run("cpu", "--events", "20", "--time", "0", "--repeat", "2");
        assertEquals(0, c.code(), c.err());
        assertEquals(2, c.out().split("CPU speed:\n    events per second: ", -1).length - 1);
        assertTrue(c.out().contains("virtbench summary of 2 runs (cpu):"), c.out());
    }
}

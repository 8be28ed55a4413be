package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtbench suite} from the fat jar, as a user runs it: the quick profile end to end (its
 * run lengths shortened through its vars, one repetition) with every workload and its own
 * {@code serve} on loopback, ending with report.html; and a run stopped by SIGTERM, then resumed.
 */
class SuiteJarIT {
    @TempDir
    Path tmp;

    @Test
    void quickProfileEndToEnd() throws Exception {
        Path out = tmp.resolve("quick");
        Path log = tmp.resolve("quick.log");
        int code = run(log, 300, "suite", "--out", out.toString(), "--platform", "metal", "--set", "time=1", "--set", "net-time=1",
                "--repeat", "1");
        String text = Files.readString(log);
        assertEquals(0, code, text);
        assertTrue(text.contains("all steps done"), text);
        assertTrue(Files.size(out.resolve("report.html")) > 10_000, "report.html written");
        assertTrue(value(out, "cpu", "events_per_second") > 10, text);
        assertTrue(value(out, "fileio-seqrd", "read_mib_per_second") > 1, text);
        assertTrue(value(out, "fileio-seqwr", "written_mib_per_second") > 0.1, text);
        assertTrue(value(out, "net-tcp", "sum_received_mbit_per_second") > 10, text);
        double jitter = value(out, "net-udp", "jitter_ms");
        assertTrue(jitter >= 0 && jitter < 1000, "jitter " + jitter);
        for (String s : List.of("oltp-read-only", "oltp-read-write", "oltp-write-only")) {
            List<RunResult> rs = results(out, s);
            assertEquals(2, rs.size(), s + ": one run per level of --sweep 2,4");
            for (RunResult r : rs) {
                assertTrue(r.value("transactions") > 0, s + " " + r.parameters());
            }
        }
        assertEquals(1000, value(out, "http", "complete_requests"));
        assertEquals(0, value(out, "http", "failed_requests"));
        assertTrue(value(out, "pipeline", "turnover_seconds") > 0.1, text);
        assertFalse(Files.exists(out.resolve("work/test_file.0")), "fileio-cleanup removed the files");
        // the report recognises every workload the quick suite ran (only boot has no result)
        assertTrue(text.matches("(?s).*low-level total +\\d+ \\(6/7\\).*"), "every low-level feature but boot has a result: " + text);
        assertTrue(text.matches("(?s).*high-level total +\\d+\n.*"), "every high-level feature has a result: " + text);
        assertTrue(Files.readString(out.resolve("service-serve.txt")).contains("virtbench serve: stopped"),
                "the suite stopped its serve cleanly");
    }

    @Test
    void anInterruptedSuiteResumes() throws Exception {
        Path out = tmp.resolve("resume");
        Path log = tmp.resolve("first.log");
        List<String> cmd = command("suite", "--out", out.toString(), "--platform", "metal", "--only", "cpu,fileio", "--set", "time=2",
                "--repeat", "1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("fileio-seqrd           running") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), Files.readString(log));
            Thread.sleep(500);
            p.destroy(); // SIGTERM: Ctrl-C
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(130, p.exitValue(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(out.resolve("steps/cpu/.done")));
        assertFalse(Files.exists(out.resolve("steps/fileio-seqrd/.done")));
        Path again = tmp.resolve("again.log");
        int code = run(again, 180, "suite", "--out", out.toString(), "--platform", "metal", "--only", "cpu,fileio", "--set", "time=2",
                "--repeat", "1", "--resume");
        String text = Files.readString(again);
        assertEquals(0, code, text);
        assertTrue(text.contains("cpu                    done earlier, skipped (--resume)"), text);
        assertTrue(text.matches("(?s).*fileio-prepare +done .*fileio-seqrd +done .*fileio-seqwr +done .*"), text);
        assertEquals(1, results(out, "cpu").size(), "cpu's result kept, not measured again");
        assertEquals(1, results(out, "fileio-seqrd").size());
        assertTrue(Files.exists(out.resolve("report.html")));
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JarIT.JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the jar with output into {@code log}, killed after {@code seconds}; returns the exit status. */
    static int run(Path log, int seconds, String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("did not finish within " + seconds + " s:\n" + Files.readString(log));
            }
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    static List<RunResult> results(Path out, String step) throws IOException {
        List<RunResult> rs = new ArrayList<>();
        try (Stream<Path> s = Files.list(out.resolve("steps").resolve(step))) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                rs.add(ResultFiles.read(f));
            }
        }
        return rs;
    }

    /** The step's one result's metric. */
    static double value(Path out, String step, String metric) throws IOException {
        List<RunResult> rs = results(out, step);
        assertEquals(1, rs.size(), step + " wrote one result");
        return rs.get(0).value(metric);
    }
}

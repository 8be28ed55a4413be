package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile or unlucky input (issue 21): each is one line and exit 2 before any work, never a wrapped figure or a lost result. */
// a separate thread: a regression that accepts a huge duration would otherwise hang the build
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RobustnessCliTest {
    @TempDir
    Path tmp;

    /** A fresh JVM with a small heap, as in a 1 GB guest, running the launcher's main class. */
    private static Cli childJvm(String heap, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        // drain stderr alongside stdout so neither pipe fills up
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "child JVM ended");
        return new Cli(p.exitValue(), out, err.get());
    }

    @Test
    void manyThreadsInASmallHeapAreRefusedBeforeTheRunWithOneLine() throws Exception {
        Cli c = childJvm("128m", "cpu", "--threads", "2000", "--time", "1");
        assertEquals(2, c.code(), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().contains("2000 threads need up to "), c.err());
        assertTrue(c.err().contains("-Xmx"), c.err());
        assertFalse(c.err().contains("OutOfMemoryError"), c.err());
        assertFalse(c.out().contains("Threads started"), "refused before the run: " + c.out());
    }

    @Test
    void runningOutOfHeapAnywhereIsOneLine() throws Exception {
        // the HTTP target's 64 MiB page does not fit a 32 MB heap: the error reaches the top as OutOfMemoryError
        Cli c = childJvm("32m", "http", "serve", "--port", "0", "--page-size", "67108864");
        assertEquals(1, c.code(), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().startsWith("virtbench: out of memory (Java heap space)"), c.err());
        assertTrue(c.err().contains("-Xmx"), c.err());
    }

    @Test
    void aRunThatFitsTheHeapRunsThere() throws Exception {
        // 300 threads fit in 128 MB: the check refuses only what may not fit
        Cli c = childJvm("128m", "cpu", "--threads", "300", "--events", "600", "--time", "0", "--cpu-max-prime", "200");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("total number of events:              600"), c.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpu --time 1e10|--time",
            "cpu --warmup-time 1e10 --events 1|--warmup-time",
            "cpu --report-interval 1e10 --events 1|--report-interval",
            "cpu --rate 1e300 --events 1|--rate",
            "cpu --rate 1e-300 --events 1|--rate",
            "cpu --repeat 2147483647 --events 1|--repeat",
            "crosscheck cpu --runs 100000|--runs",
            "http bench http://127.0.0.1:9/ -t 1e10|-t",
            "http bench http://127.0.0.1:9/ -s 1e12|-s",
            "http bench http://127.0.0.1:9/ --rate 1e300|--rate",
            "http bench http://127.0.0.1:9/ --sweep 1,2 --sweep-pause 1e10|--sweep-pause",
            "http serve --port 0 --idle-timeout 1e12|--idle-timeout",
            "http serve --port 0 --cpu-max 2000000000|--cpu-max",
            "pipeline --timeout 1e12|--timeout",
            "boot --launch true --timeout 1e10|--timeout",
            "boot --launch true --pause 1e10 --repeat 2|--pause",
            "suite --repeat 100000|--repeat",
    })
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hugeDurationsRatesAndCountsAreRefused(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void theLongestDurationAllowedDoesNotWrap() {
        // 1e9 s of warm-up and time: the deadline still fits in a long of nanoseconds; the event limit ends the run
        Cli c = Cli.run("cpu", "--time", "1e9", "--events", "5", "--cpu-max-prime", "100", "--format", "json");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("\"events\" : 5"), c.out());
        assertFalse(c.out().contains(": -"), "no negative figure: " + c.out());
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeTheRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "mine\n");
        Cli c = Cli.run("cpu", "--time", "5", "--out", file.toString());
        assertEquals(2, c.code(), c.err());
        assertTrue(c.err().contains("--out") && c.err().contains("not a directory"), c.err());
        assertEquals("", c.out(), "nothing measured");
        assertEquals("mine\n", Files.readString(file));
    }

    @Test
    void suiteOutThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "mine\n");
        Cli.assertUsageError(new String[] {"suite", "--only", "cpu", "--out", file.toString()}, "--out");
        assertEquals("mine\n", Files.readString(file));
    }

    @Test
    void importOutThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "mine\n");
        Path log = Files.writeString(tmp.resolve("metal-cpu.log"), "sysbench 1.0.20\n");
        Cli.assertUsageError(new String[] {"import", log.toString(), "--out", file.toString()}, "--out");
    }

    @Test
    void reportOutReplacesOnlyItsOwnReportsUnlessForced() throws IOException {
        Path results = tmp.resolve("results");
        for (String platform : List.of("metal", "kvm")) {
            assertEquals(0, Cli.run("cpu", "--events", "3", "--time", "0", "--cpu-max-prime", "100", "--platform", platform,
                    "--out", results.toString()).code());
        }
        Path foreign = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        for (String format : List.of("text", "csv", "json", "html", "runs")) {
            Cli refused = Cli.run("report", results.toString(), "--format", format, "--out", foreign.toString());
            assertEquals(2, refused.code(), refused.err());
            assertTrue(refused.err().contains("not a virtbench report") && refused.err().contains("--force"), refused.err());
            assertEquals("root:x:0:0:root:/root:/bin/bash\n", Files.readString(foreign), "left alone");

            // its own report of any format is replaced without --force
            Path own = tmp.resolve("report." + format);
            assertEquals(0, Cli.run("report", results.toString(), "--format", format, "--out", own.toString()).code());
            String before = Files.readString(own);
            Cli again = Cli.run("report", results.toString(), "--format", "text", "--out", own.toString());
            assertEquals(0, again.code(), format + ": " + again.err());
            assertTrue(Files.readString(own).startsWith("virtbench report: "), "replaced " + before.substring(0, 20));
        }
        Cli forced = Cli.run("report", results.toString(), "--out", foreign.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(foreign).startsWith("virtbench report: "));
        Cli.assertUsageError(new String[] {"report", results.toString(), "--out", tmp.toString()}, "--out");
    }

    @Test
    void importReadsOnlyRegularFiles() {
        Cli.assertUsageError("import /dev/zero --platform metal", "/dev/zero");
        Cli c = Cli.run("import", "/dev/zero", "--platform", "metal");
        assertTrue(c.err().contains("not a regular file"), c.err());
        Cli.assertUsageError("report /dev/zero", "/dev/zero");
    }

    @Test
    void aMissingInputIsAUsageErrorNamingIt() {
        Path missing = tmp.resolve("no-such.log");
        Cli.assertUsageError(new String[] {"import", missing.toString(), "--out", tmp.resolve("o").toString()}, missing.toString());
        Cli.assertUsageError(new String[] {"report", missing.toString()}, missing.toString());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void aNonUtf8FileNamesTheFileAndTheByte() throws IOException {
        Path log = tmp.resolve("metal-cpu.log");
        Files.write(log, new byte[] {'s', 'y', 's', (byte) 0xff, (byte) 0xfe, '\n'});
        Cli c = Cli.run("import", log.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, c.code(), c.err());
        assertTrue(c.err().contains(log + ": not UTF-8 text (byte 0xff at offset 3)"), c.err());
        assertFalse(c.err().contains("Input length"), c.err());

        Path json = tmp.resolve("r.json");
        Files.write(json, new byte[] {'{', '"', (byte) 0xc3, '"', '}'});
        Cli r = Cli.run("report", json.toString());
        assertTrue(r.err().contains(json + ": not UTF-8 text (byte 0xc3 at offset 2)"), r.err());
    }

    @Test
    void anUnknownSetNameIsAUsageErrorNamingIt() {
        Cli.assertUsageError(new String[] {"suite", "--only", "cpu", "--out", tmp.resolve("s").toString(), "--set", "tmie=1"},
                "tmie");
        assertFalse(Files.exists(tmp.resolve("s")), "refused before anything was written");
    }

    @Test
    void aKnownSetNameIsTaken() throws IOException {
        Path profile = Files.writeString(tmp.resolve("p.profile"), "name = tiny\nvar prime = 50\n"
                + "step cpu = cpu --events 2 --time 0 --cpu-max-prime {prime}\n");
        Path out = tmp.resolve("s");
        Cli c = Cli.run("suite", "--profile", profile.toString(), "--out", out.toString(), "--set", "prime=70");
        assertEquals(0, c.code(), c.err());
        try (Stream<Path> files = Files.walk(out.resolve("steps"))) {
            Path result = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            RunResult r = ResultFiles.read(result);
            assertEquals("70", String.valueOf(r.parameters().get("cpu-max-prime")), r.parameters().toString());
        }
    }
}

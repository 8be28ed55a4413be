package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped fat jar, run with {@code java -jar} on each JDK of this machine (17, 21, 25 where present). */
class JarIT {
    static final Path JAR = Path.of(System.getProperty("virtbench.jar", "target/virtbench.jar"));

    /**
     * A command that receives Ctrl-C: a shell without job control starts background commands
     * with SIGINT ignored, the JVM then keeps ignoring it, and a test runner started that way
     * would hand the ignore on to the jar. {@code env --default-signal=INT} (coreutils 8.31+)
     * restores the default first; where env lacks the option the command runs as it is.
     */
    static List<String> interruptible(String... command) {
        List<String> c = new ArrayList<>();
        if (ENV_DEFAULT_SIGNAL) {
            c.add("env");
            c.add("--default-signal=INT");
        }
        c.addAll(List.of(command));
        return c;
    }

    private static final boolean ENV_DEFAULT_SIGNAL = envDefaultSignal();

    private static boolean envDefaultSignal() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static Stream<String> javas() {
        List<String> javas = new ArrayList<>();
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.filter(p -> p.getFileName().toString().matches(".*(21|25).*"))
                    .map(p -> p.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .map(Path::toString)
                    .sorted()
                    .forEach(javas::add);
        } catch (Exception e) {
            // only the running JDK
        }
        return javas.stream().distinct();
    }

    private static NativeTool.Result run(String java, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return NativeTool.run(cmd, null, Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("javas")
    void runsWithJavaJarAlone(String java) throws Exception {
        assertTrue(Files.size(JAR) <= 20L * 1024 * 1024, "at most 20 MB: " + Files.size(JAR));
        NativeTool.Result help = run(java, "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("cpu"));
        assertEquals("", help.stderr(), "no warnings on " + java);

        NativeTool.Result version = run(java, "--version");
        assertTrue(version.stdout().matches("(?s)virtbench \\S+ \\(git commit ([0-9a-f]{40}|unknown)\\).*"), version.stdout());

        NativeTool.Result cpu = run(java, "cpu", "--events", "20", "--time", "0", "--format", "json");
        assertEquals(0, cpu.exitCode(), cpu.stderr());
        RunResult r = ResultFiles.fromJson(cpu.stdout());
        assertEquals(20, r.value("total_events"));

        NativeTool.Result bad = run(java, "cpu", "--threads", "nope");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.stderr().lines().count(), bad.stderr());
    }

    @Test
    void anUnknownSignalWayIsAUsageError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NativeTool.Result r = NativeTool.run(List.of(java, "-Dvirtbench.signals=both", "-jar", JAR.toString(),
                "cpu", "--events", "1"), null, Duration.ofSeconds(60));
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("virtbench.signals=both"), r.stderr());
        assertEquals("", r.stdout(), "no work started");
    }

    @Test
    void pipelineOnAJreSaysSoInOneLine(@TempDir Path tmp) throws Exception {
        Path jre = tmp.resolve("jre");
        String jlink = Path.of(System.getProperty("java.home"), "bin", "jlink").toString();
        NativeTool.Result link = NativeTool.run(List.of(jlink, "--add-modules", "java.se,jdk.unsupported,jdk.management,jdk.net,jdk.zipfs",
                "--output", jre.toString(), "--no-header-files", "--no-man-pages"), null, Duration.ofMinutes(3));
        assertEquals(0, link.exitCode(), link.stderr());
        NativeTool.Result r = run(jre.resolve("bin/java").toString(), "pipeline");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("needs a JDK"), r.stderr());
    }

    /**
     * Both ways of catching Ctrl-C (core's Signals): sun.misc.Signal by default, a shutdown hook
     * with {@code -Dvirtbench.signals=hook}. The line printed on the stop names the way, so a
     * silent fall-back from the internal way to the hook fails here too.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "internal, press Ctrl-C again to quit now",
        "hook, waiting at most"})
    void ctrlCWritesWhatWasMeasuredAndExits130(String way, String stopLine, @TempDir Path out) throws Exception {
        Process p = new ProcessBuilder(interruptible(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dvirtbench.signals=" + way, "-jar",
                JAR.toString(), "cpu", "--time", "60", "--out", out.toString(), "--report-interval", "1"))
                .redirectErrorStream(true).start();
        try {
            // wait until the run is under way (the first interval line), then press Ctrl-C
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = r.readLine()) != null && !line.startsWith("[ 1s ]")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "the run started: " + seen);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits soon after Ctrl-C");
            assertEquals(130, p.exitValue(), rest);
            assertTrue(rest.contains("CPU speed:"), "the report of what was measured is printed: " + rest);
            assertTrue(rest.contains(stopLine), way + " caught the signal: " + rest);
            try (Stream<Path> files = Files.list(out)) {
                List<Path> written = files.toList();
                assertEquals(1, written.size());
                RunResult result = ResultFiles.read(written.get(0));
                assertEquals(RunStatus.INTERRUPTED, result.status());
                assertTrue(result.value("total_events") > 0);
                assertTrue(result.value("total_time_seconds") < 30);
            }
        } finally {
            p.destroyForcibly();
        }
    }
}

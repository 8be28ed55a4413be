package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar's fileio command as a separate process: an I/O error mid-run, and Ctrl-C. */
class FileioJarIT {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /**
     * A file size limit (ulimit -f; the JVM ignores SIGXFSZ, so the write fails with EFBIG) stands
     * in for a full disk: the error names the file, the results so far are written, exit status 1.
     */
    @Test
    void anIoErrorMidRunIsOneLineNamingTheFileAndKeepsTheResults() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("files"));
        Path out = tmp.resolve("results");
        List<String> cmd = List.of("bash", "-c", "ulimit -f 512; exec \"$@\"", "bash", JAVA, "-jar", JarIT.JAR.toString(),
                // without the JIT warm-up, whose writes would meet the limit before the measured run
                "fileio", "run", "--jit-warmup=off", "--dir", dir.toString(), "--file-num=2", "--file-total-size=4M",
                "--file-test-mode=seqwr",
                "--events=1000", "--time=0", "--out", out.toString());
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(p, false));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p, true));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        String err = stderr.get();
        assertEquals(1, p.exitValue(), err);
        List<String> errors = err.lines().filter(l -> !l.startsWith("virtbench: result written")).toList();
        assertEquals(List.of("virtbench: failed to write file '" + dir.resolve("test_file.0") + "' at offset 524288: File too large"),
                errors);
        assertTrue(stdout.get().contains("File operations:"), "the report of what was measured is printed");
        List<Path> written = files(out);
        assertEquals(1, written.size());
        RunResult r = ResultFiles.read(written.get(0));
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(32L * 16384, r.details().get("bytes_written"), "32 blocks fitted under the limit");
        assertTrue(r.message().contains("test_file.0"));
    }

    @Test
    void ctrlCWritesThePartialResult() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("files"));
        Path out = tmp.resolve("results");
        String jar = JarIT.JAR.toString();
        Process prep = new ProcessBuilder(JAVA, "-jar", jar, "fileio", "prepare", "--dir", dir.toString(), "--file-num=2",
                "--file-total-size=2M").redirectErrorStream(true).start();
        prep.getInputStream().readAllBytes();
        assertEquals(0, prep.waitFor());
        Process p = new ProcessBuilder(JarIT.interruptible(JAVA, "-jar", jar, "fileio", "run", "--dir", dir.toString(),
                "--file-num=2", "--file-total-size=2M", "--file-test-mode=seqrd", "--time=120", "--out", out.toString())).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p, true));
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                text.append(line).append('\n');
                if (!signalled && line.equals("Threads started!")) {
                    Thread.sleep(500);
                    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
                    signalled = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, p.exitValue(), stderr.get());
        assertTrue(text.toString().contains("\nFile operations:\n"), text.toString());
        assertTrue(stderr.get().contains("virtbench: interrupted; the results measured so far are kept"), stderr.get());
        List<Path> written = files(out);
        assertEquals(1, written.size());
        RunResult r = ResultFiles.read(written.get(0));
        assertEquals(RunStatus.INTERRUPTED, r.status());
        assertTrue(r.value("total_time_seconds") < 60);
        assertTrue((Long) r.details().get("reads") > 0);
    }

    private static String read(Process p, boolean err) {
        try {
            return new String((err ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}

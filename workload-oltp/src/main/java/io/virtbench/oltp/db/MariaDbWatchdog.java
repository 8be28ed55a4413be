package io.virtbench.oltp.db;

import io.virtbench.core.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a throwaway MariaDB from outliving the process that started it.
 *
 * <p>A JVM killed with SIGKILL (or by the OOM killer) runs no shutdown hook, and its children
 * live on. So each server gets a watchdog: a small {@code /bin/sh} whose standard input is a pipe
 * from the JVM. The kernel closes that pipe when the JVM dies, however it dies; the shell's
 * {@code read} then returns, and it kills the server (checking first, in /proc, that the process
 * is still this server and not a reused pid) and deletes the server's directory. A normal close
 * writes "stop" instead, and the watchdog exits without doing anything.
 *
 * <p>When even the watchdog is gone (the whole process group killed, a power cut before /tmp is
 * cleared), the next start finds the directory by its marker file, which names the owning
 * process and its start time, and removes what is left of it.
 */
final class MariaDbWatchdog implements AutoCloseable {
    /** In every server directory: owner pid, the owner's start time, the server's pid. */
    static final String MARKER = "virtbench-owner";

    private static final String SCRIPT = """
            trap '' INT HUP QUIT TERM PIPE
            IFS= read -r line
            [ "$line" = stop ] && exit 0
            pid=$1 dir=$2
            ours() { tr '\\000' '\\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$dir/data"; }
            ours && kill -KILL "$pid"
            i=0
            while ours && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
            rm -rf -- "$dir"
            """;

    private final Process shell;
    private final OutputStream pipe;

    private MariaDbWatchdog(Process shell) {
        this.shell = shell;
        this.pipe = shell.getOutputStream();
    }

    /** Starts the watchdog of server {@code serverPid}, whose directory is {@code dir}. */
    static MariaDbWatchdog start(long serverPid, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "virtbench-mariadb-watchdog", Long.toString(serverPid),
                dir.toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        return new MariaDbWatchdog(pb.start());
    }

    /** The watchdog's own process (tests kill it to leave a stale instance behind). */
    Process process() {
        return shell;
    }

    /** The server was stopped by its owner: the watchdog exits without touching anything. */
    @Override
    public void close() {
        try {
            pipe.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            pipe.close();
        } catch (IOException e) {
            // the watchdog is gone already
        }
        try {
            if (!shell.waitFor(5, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
            }
        } catch (InterruptedException e) {
            shell.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the marker: this process, its start time, and the server's pid (0 before it runs). */
    static void writeMarker(Path dir, long serverPid) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        String text = "owner=" + me.pid() + "\nstart=" + startMillis(me) + "\nserver=" + serverPid + "\n";
        Path tmp = dir.resolve(MARKER + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(MARKER), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Removes every server directory under {@code parent} whose owner is gone (killing its server
     * if it still runs). Only directories with a marker, owned by this user or by
     * {@code serverUser}, are touched; a directory being created (no marker yet) is left alone.
     */
    static void removeStale(Path parent, String prefix, UserPrincipal serverUser, PrintStream progress) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, prefix + "*")) {
            UserPrincipal me = parent.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            for (Path dir : ds) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
                if (!owner.equals(me) && !owner.equals(serverUser)) {
                    continue;
                }
                Map<String, Long> m = readMarker(dir.resolve(MARKER));
                if (m == null || ownerAlive(m)) {
                    continue;
                }
                killServer(m.getOrDefault("server", 0L), dir);
                deleteTree(dir);
                if (progress != null) {
                    progress.println("virtbench: removed a throwaway MariaDB left behind by process " + m.get("owner") + " (" + dir + ")");
                }
            }
        } catch (IOException e) {
            // best effort: a directory we cannot read is not ours to remove
        }
    }

    private static Map<String, Long> readMarker(Path marker) {
        try {
            Map<String, Long> m = new HashMap<>();
            for (String line : Files.readAllLines(marker, StandardCharsets.US_ASCII)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
                }
            }
            return m.containsKey("owner") && m.containsKey("start") ? m : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean ownerAlive(Map<String, Long> m) {
        Optional<ProcessHandle> p = ProcessHandle.of(m.get("owner"));
        return p.isPresent() && p.get().isAlive() && startMillis(p.get()) == m.get("start");
    }

    /** Kills {@code pid} if it is the server of {@code dir} (its command line names the data directory). */
    private static void killServer(long pid, Path dir) {
        if (pid <= 0 || !isServerOf(pid, dir)) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or not: the directory goes either way
            }
        });
    }

    static boolean isServerOf(long pid, Path dir) {
        try {
            byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String want = "--datadir=" + dir.toAbsolutePath().resolve("data");
            for (String arg : new String(cmd, StandardCharsets.UTF_8).split("\0")) {
                if (arg.equals(want)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        FileTrees.deleteQuietly(dir);
    }
}

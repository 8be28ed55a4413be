package io.virtbench.core.nativetool;

import io.virtbench.core.UserException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Finds and runs the native tools virtbench is compared with (sysbench, iperf3, ab...). */
public final class NativeTool {
    private NativeTool() {
    }

    /** What a finished native command produced. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, double seconds) {
        /** The first non-empty line of standard error, or of standard output, for a one-line error. */
        public String firstErrorLine() {
            for (String s : new String[] {stderr, stdout}) {
                for (String line : s.split("\n")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "exit status " + exitCode;
        }
    }

    /** The executable {@code name} on the PATH, if there is one. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The executable {@code name}, or a one-line error telling which Debian package brings it. */
    public static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new UserException(name + " is not installed (on Debian/Ubuntu: apt-get install "
                + debianPackage + ")"));
    }

    /**
     * Runs {@code command} in {@code dir} (null: the current directory), waiting at most
     * {@code timeout}; a command that overruns is killed and reported as a one-line error.
     */
    public static Result run(List<String> command, Path dir, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        // The output goes to files, read once the tool has ended, not through the JVM's pipe
        // streams: those are BufferedInputStreams, the class the JDBC driver reads its socket
        // through, and a second stream class at the same call sites made the JIT deoptimize the
        // driver's compiled read path each time a native run ended, just before the next
        // virtbench run (seen with JFR's jdk.Deoptimization in the OLTP crosscheck).
        Path outFile = null;
        Path errFile = null;
        try {
            outFile = tempFile(".out");
            errFile = tempFile(".err");
            pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(outFile);
            deleteQuietly(errFile);
            outFile = null;
            errFile = null;
        }
        try {
            return run(command, pb, timeout, outFile, errFile);
        } finally {
            deleteQuietly(outFile);
            deleteQuietly(errFile);
        }
    }

    /** Where the output files go: the system's temporary directory, or a test's own (see {@link #tempFile}). */
    static Path tempDir;

    private static Path tempFile(String suffix) throws IOException {
        return tempDir == null ? Files.createTempFile("virtbench-native-", suffix)
                : Files.createTempFile(tempDir, "virtbench-native-", suffix);
    }

    private static Result run(List<String> command, ProcessBuilder pb, Duration timeout, Path outFile, Path errFile) {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UserException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // the child does not read standard input anyway
        }
        CompletableFuture<String> out = outFile != null ? null : CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = errFile != null ? null : CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new UserException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s and was killed");
            }
            return new Result(List.copyOf(command), p.exitValue(), out != null ? out.join() : read(outFile),
                    err != null ? err.join() : read(errFile), (System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while running " + command.get(0));
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }

    /**
     * Stops a server process the way a user would: SIGTERM, up to {@code grace} for a clean
     * shutdown, then SIGKILL (and a short wait for it). Does nothing when it already ended.
     */
    public static void stop(Process p, Duration grace) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command line as a user would type it (arguments with spaces quoted). */
    public static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if (a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"$`\\;&|<>*?".indexOf(c) >= 0)) {
                b.append('\'').append(a.replace("'", "'\\''")).append('\'');
            } else {
                b.append(a);
            }
        }
        return b.toString();
    }
}

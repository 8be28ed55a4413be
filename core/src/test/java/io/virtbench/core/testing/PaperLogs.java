package io.virtbench.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The study's raw native logs, kept in the repository at testdata/paper-logs (MIT, with their
 * LICENSE). Found by looking for testdata/paper-logs in the working directory or any parent of
 * it, so a module's tests find them whether Maven runs from the root or from the module.
 */
public final class PaperLogs {
    private PaperLogs() {
    }

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("paper-logs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find testdata/paper-logs in " + Path.of("").toAbsolutePath()
                + " or any parent: run the tests inside the repository");
    }

    /** The files of one category (cpu, fileio, database, network, http-benchmark, boot, pipeline-benchmark). */
    public static List<Path> files(String category) {
        try (Stream<Path> s = Files.list(dir().resolve(category))) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no paper logs in " + dir().resolve(category));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single file of {@code category} whose name contains {@code part} (e.g. "-metal-"). */
    public static Path file(String category, String part) {
        List<Path> m = files(category).stream().filter(p -> p.getFileName().toString().contains(part)).toList();
        if (m.size() != 1) {
            throw new IllegalStateException("expected one " + category + " log matching " + part + ", found " + m);
        }
        return m.get(0);
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

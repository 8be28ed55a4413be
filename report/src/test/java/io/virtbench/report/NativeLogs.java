package io.virtbench.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The native logs recorded on the development machine for these tests (src/test/resources/native-logs, see generate.sh). */
final class NativeLogs {
    private NativeLogs() {
    }

    static Path dir() {
        try {
            return Path.of(NativeLogs.class.getResource("/native-logs/generate.sh").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    /** Imports {@code names} as {@code platform} into {@code out}; fails the test on any import error. */
    static NativeImport.Summary importAs(String platform, Path out, String... names) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        NativeImport.Summary s = NativeImport.installed(quiet, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(names).stream().map(NativeLogs::file).toList(), platform, out);
        if (s.failed() > 0) {
            throw new AssertionError("import failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return s;
    }
}

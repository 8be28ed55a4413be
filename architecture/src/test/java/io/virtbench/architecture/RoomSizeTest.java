package io.virtbench.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the main sources readable: no file under any module's src/main/java over
 * {@value #MAX_LINES} lines, no method or constructor over {@value #MAX_METHOD_LINES} lines
 * (from its name to its closing brace), and no main type named like a test (tools and readers
 * take a {@code *Test} class for a test).
 */
class RoomSizeTest {

    static final int MAX_LINES = 600;
    static final int MAX_METHOD_LINES = 80;

    /**
     * Methods still over {@value #MAX_METHOD_LINES} lines ({@code module/.../File.java#name}), and
     * why. A listed method that is gone or short now fails {@link #theLongMethodExceptionsStillExist}.
     */
    static final Map<String, String> LONG_METHODS = Map.of();
    private static final Pattern TEST_TYPE =
            Pattern.compile("(?m)^\\s*(?:(?:public|protected|private|static|final|abstract|sealed)\\s+)*"
                    + "(?:class|record|enum|interface)\\s+(\\w*Test)\\b");

    @Test
    void mainSourcesAreSmallAndNoneIsNamedLikeATest() throws IOException {
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        List<Path> sources = mainSources(root);
        // a wrong root or layout must not pass with nothing checked
        assertTrue(sources.size() > 100, "found only " + sources.size() + " main sources under " + root);
        assertEquals(List.of(), problems(sources));
    }

    @Test
    void noMainMethodIsLong() throws IOException {
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        List<String> found = new ArrayList<>();
        int methods = 0;
        for (Path p : mainSources(root)) {
            String key = root.relativize(p).toString();
            for (MethodLengths.Method m : MethodLengths.of(Files.readString(p))) {
                methods++;
                if (m.lines() > MAX_METHOD_LINES && !LONG_METHODS.containsKey(key + "#" + m.name())) {
                    found.add(key + ":" + m.line() + ": " + m.name() + " is " + m.lines() + " lines (at most "
                            + MAX_METHOD_LINES + "; split it by role)");
                }
            }
        }
        // a scanner that finds no methods must not pass
        assertTrue(methods > 1000, "found only " + methods + " methods under " + root);
        assertEquals(List.of(), found);
    }

    @Test
    void theLongMethodExceptionsStillExist() throws IOException {
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        for (String listed : LONG_METHODS.keySet()) {
            String[] fileAndName = listed.split("#", 2);
            Path file = root.resolve(fileAndName[0]);
            assertTrue(Files.isRegularFile(file), listed + " is listed in LONG_METHODS but its file is gone");
            assertTrue(MethodLengths.of(Files.readString(file)).stream()
                    .anyMatch(m -> m.name().equals(fileAndName[1]) && m.lines() > MAX_METHOD_LINES),
                    listed + " is listed in LONG_METHODS but is gone or short now: remove it from the list");
        }
    }

    @Test
    void theMethodScannerMeasuresMethodsOnly() {
        String source = """
                package x;

                @Command(name = "x", description = {"a {", "b"})
                final class X implements Runnable {
                    static final Runnable R = () -> {
                        run2();
                    };
                    static {
                        init();
                    }
                    enum E {
                        A(1) {
                            int f() {
                                return 1;
                            }
                        },
                        B(2) {
                        };
                        E(int n) {
                        }
                    }
                    record P(int a, int b) {
                        P {
                        }
                    }

                    X(int a) {
                        // a comment with a brace {
                        String s = "}";
                        char c = '{';
                    }

                    @Override
                    public void run() {
                        new Thread() {
                            @Override
                            public void run() {
                                if (true) {
                                }
                            }
                        }.start();
                        String t = \"\"\"
                            }}}
                            \"\"\";
                    }

                    static <T> java.util.List<T> many(@Named("a(b") java.util.Map<String, T> m)
                            throws java.io.IOException {
                        return null;
                    }
                }
                """;
        List<String> found = MethodLengths.of(source).stream().map(m -> m.name() + "@" + m.line() + "+" + m.lines()).toList();
        assertEquals(List.of("f@13+3", "E@19+2", "X@27+5", "run@34+12", "many@47+4"), found);
    }

    @Test
    void theCheckFindsALongFileAndATestNamedType(@TempDir Path dir) throws IOException {
        Path main = Files.createDirectories(dir.resolve("mod/src/main/java/x"));
        Files.writeString(main.resolve("Long.java"), "class Long {\n" + "\n".repeat(MAX_LINES) + "}\n");
        Files.writeString(main.resolve("Fine.java"), "final class Fine {\n}\n");
        Files.writeString(main.resolve("Session.java"), "final class Session {\n    static final class IperfTest {\n    }\n}\n");
        Files.writeString(main.resolve("OltpTest.java"), "public enum OltpTest {\n}\n");
        Path test = Files.createDirectories(dir.resolve("mod/src/test/java/x"));
        Files.writeString(test.resolve("FineTest.java"), "class FineTest {\n}\n");
        List<String> found = problems(mainSources(dir));
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("Long.java") && p.contains("602 lines")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("Session.java") && p.contains("IperfTest")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("OltpTest.java") && p.contains("OltpTest")), found.toString());
    }

    /** The directory of the root pom: the first one up from {@code from} that names the parent project. */
    static Path repositoryRoot(Path from) throws IOException {
        for (Path d = from; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>virtbench-parent</artifactId>")
                    && Files.isDirectory(d.resolve("core"))) {
                return d;
            }
        }
        throw new IllegalStateException("no root pom.xml above " + from);
    }

    /** Every .java file under {@code MODULE/src/main/java} for each module directory right under {@code root}. */
    static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                    }
                }
            }
        }
        return sources;
    }

    static List<String> problems(List<Path> sources) {
        List<String> problems = new ArrayList<>();
        for (Path p : sources) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long lines = text.lines().count();
            if (lines > MAX_LINES) {
                problems.add(p + ": " + lines + " lines (at most " + MAX_LINES + "; split it by role)");
            }
            Matcher m = TEST_TYPE.matcher(text);
            while (m.find()) {
                problems.add(p + ": main type " + m.group(1) + " is named like a test");
            }
        }
        return problems;
    }
}

package io.virtbench.pipeline;

import io.virtbench.core.FileTrees;
import io.virtbench.core.clock.JobTimer;
import io.virtbench.core.result.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One CI job on the bundled matrix library, the same on every platform: check out the sources
 * (copy them from the jar into a work directory), compile library and tests with the JDK's
 * compiler API, run the unit tests, and run a static check (javac's lint and doclint over the
 * library). Each stage is timed; the job stops at the first failing stage.
 *
 * <p>Run as {@code java -cp virtbench.jar io.virtbench.pipeline.PipelineJob WORKDIR} it prints
 * its {@link Outcome} as one JSON line, so the benchmark can run every job in a fresh JVM, as a
 * CI runner does.
 */
public final class PipelineJob {
    static final String RESOURCES = "/io/virtbench/pipeline/job/";

    /** What one job did: stage times in seconds (in order), test and lint counts, failure if any. */
    public record Outcome(Map<String, Double> stageSeconds, int sourceFiles, int sourceLines, int testsRun,
                          int testsFailed, int findings, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private PipelineJob() {
    }

    /** True when this Java runtime has a compiler (a JDK, not a JRE). */
    public static boolean hasCompiler() {
        return ToolProvider.getSystemJavaCompiler() != null;
    }

    public static void main(String[] args) throws Exception {
        Outcome o = run(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(ResultFiles.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(o));
        System.exit(o.ok() ? 0 : 1);
    }

    /** Runs the job in {@code workDir} (created if needed; its previous content is replaced). */
    public static Outcome run(Path workDir) throws IOException {
        return run(workDir, Map.of());
    }

    /** As {@link #run(Path)}, with some checked-out files replaced (tests use it to break the library). */
    static Outcome run(Path workDir, Map<String, String> overrides) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime");
        }
        JobTimer stages = JobTimer.start();
        deleteTree(workDir);
        List<Path> sources = checkout(workDir);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Files.writeString(workDir.resolve(e.getKey()), e.getValue());
        }
        int lines = 0;
        for (Path p : sources) {
            lines += Files.readAllLines(p).size();
        }
        stages.lap("checkout");

        Path classes = workDir.resolve("build/classes");
        Files.createDirectories(classes);
        List<String> errors = compile(javac, sources, classes,
                List.of("-g", "-proc:none", "-encoding", "UTF-8", "-d", classes.toString()), Diagnostic.Kind.ERROR);
        stages.lap("compile");
        if (!errors.isEmpty()) {
            return new Outcome(stages.laps(), sources.size(), lines, 0, 0, 0, "compilation failed: " + errors.get(0));
        }

        int[] counts = new int[2];
        String testFailure = runTests(classes, sources, counts);
        stages.lap("test");
        if (testFailure != null) {
            return new Outcome(stages.laps(), sources.size(), lines, counts[0], counts[1], 0, testFailure);
        }

        List<Path> library = sources.stream().filter(p -> p.startsWith(workDir.resolve("src"))).toList();
        Path scratch = workDir.resolve("build/lint");
        Files.createDirectories(scratch);
        List<String> findings = compile(javac, library, scratch,
                List.of("-Xlint:all", "-Xdoclint:all/protected", "-proc:none", "-encoding", "UTF-8", "-d",
                        scratch.toString()), Diagnostic.Kind.WARNING);
        stages.lap("static-check");
        return new Outcome(stages.laps(), sources.size(), lines, counts[0], counts[1], findings.size(), null);
    }

    static List<Path> checkout(Path workDir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String name : resourceLines("files.txt")) {
            Path target = workDir.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = PipelineJob.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("job source missing from the jar: " + name);
                }
                Files.copy(in, target);
            }
            out.add(target);
        }
        return out;
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = PipelineJob.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("job file list missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Compiles and returns the diagnostics of at least {@code level} ("file:line: message"). */
    private static List<String> compile(JavaCompiler javac, List<Path> sources, Path out, List<String> options,
                                        Diagnostic.Kind level) throws IOException {
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            StringWriter sink = new StringWriter();
            javac.getTask(sink, fm, diags, options, null, units).call();
        }
        List<String> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            boolean counts = level == Diagnostic.Kind.ERROR ? d.getKind() == Diagnostic.Kind.ERROR
                    : d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING
                    || d.getKind() == Diagnostic.Kind.ERROR;
            if (counts) {
                String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
                found.add(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return found;
    }

    /** Runs every public void no-argument {@code test*} method of every {@code *Test} class; null if all pass. */
    private static String runTests(Path classes, List<Path> sources, int[] counts) throws IOException {
        List<String> testClasses = new ArrayList<>();
        for (Path p : sources) {
            String name = p.getFileName().toString();
            if (name.endsWith("Test.java")) {
                Path rel = p.getParent().getFileName();
                testClasses.add(rel + "." + name.substring(0, name.length() - 5));
            }
        }
        String firstFailure = null;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                PipelineJob.class.getClassLoader().getParent())) {
            for (String cn : testClasses) {
                Class<?> c = Class.forName(cn, true, loader);
                Method[] methods = c.getDeclaredMethods();
                Arrays.sort(methods, Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    if (!m.getName().startsWith("test") || m.getParameterCount() != 0
                            || !Modifier.isPublic(m.getModifiers()) || m.getReturnType() != void.class) {
                        continue;
                    }
                    counts[0]++;
                    try {
                        m.invoke(c.getDeclaredConstructor().newInstance());
                    } catch (InvocationTargetException e) {
                        counts[1]++;
                        if (firstFailure == null) {
                            firstFailure = cn + "." + m.getName() + ": " + e.getCause();
                        }
                    } catch (ReflectiveOperationException e) {
                        counts[1]++;
                        if (firstFailure == null) {
                            firstFailure = cn + "." + m.getName() + ": " + e;
                        }
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            return "test class not found: " + e.getMessage();
        }
        if (counts[0] == 0) {
            return "no tests found";
        }
        return firstFailure == null ? null : counts[1] + " of " + counts[0] + " tests failed; first: " + firstFailure;
    }

    static void deleteTree(Path dir) throws IOException {
        FileTrees.delete(dir);
    }
}

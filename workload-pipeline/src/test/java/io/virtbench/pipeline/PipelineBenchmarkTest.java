package io.virtbench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void theJobCompilesTestsAndChecksTheLibraryInThisJvm() throws Exception {
        PipelineJob.Outcome o = PipelineJob.run(tmp.resolve("job"));
        assertTrue(o.ok(), o.failure());
        assertEquals(8, o.sourceFiles());
        assertTrue(o.sourceLines() > 900);
        assertEquals(17, o.testsRun());
        assertEquals(0, o.testsFailed());
        assertEquals(0, o.findings(), "the bundled library is lint- and doclint-clean");
        assertEquals(java.util.List.of("checkout", "compile", "test", "static-check"), java.util.List.copyOf(o.stageSeconds().keySet()));
        assertTrue(Files.isRegularFile(tmp.resolve("job/build/classes/matrix/Matrix.class")));
    }

    private static String librarySource(String name) throws Exception {
        try (var in = PipelineJob.class.getResourceAsStream(PipelineJob.RESOURCES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongResultFailsTheTestStage() throws Exception {
        String broken = librarySource("src/matrix/Matrix.java").replace("d[i] = data[i] + o.data[i];", "d[i] = data[i] + 2 * o.data[i];");
        PipelineJob.Outcome o = PipelineJob.run(tmp.resolve("job"), java.util.Map.of("src/matrix/Matrix.java", broken));
        assertTrue(!o.ok());
        assertTrue(o.failure().contains("tests failed"), o.failure());
        assertTrue(o.testsFailed() >= 1 && o.testsFailed() < o.testsRun());
        assertTrue(!o.stageSeconds().containsKey("static-check"), "the job stops at the failing stage");
    }

    @Test
    void aCompileErrorFailsTheCompileStage() throws Exception {
        String broken = librarySource("src/matrix/Vector.java").replace("public int size() {", "public int size( {");
        PipelineJob.Outcome o = PipelineJob.run(tmp.resolve("job"), java.util.Map.of("src/matrix/Vector.java", broken));
        assertTrue(o.failure().startsWith("compilation failed: Vector.java:"), o.failure());
        assertEquals(java.util.List.of("checkout", "compile"), java.util.List.copyOf(o.stageSeconds().keySet()));
    }

    @Test
    void lintFindingsAreCounted() throws Exception {
        String undocumented = librarySource("src/matrix/Vector.java").replace("    /** @return the Euclidean norm */\n", "");
        PipelineJob.Outcome o = PipelineJob.run(tmp.resolve("job"), java.util.Map.of("src/matrix/Vector.java", undocumented));
        assertTrue(o.ok(), o.failure());
        assertEquals(1, o.findings(), "the missing doc comment is found");
    }

    @Test
    void aFreshJvmJobReportsTurnoverAndStages() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunResult r = PipelineBenchmark.run(new PipelineOptions(PipelineOptions.Jvm.FRESH, tmp, 300), Output.text(out, out), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        double stages = r.value("checkout_seconds") + r.value("compile_seconds") + r.value("test_seconds")
                + r.value("static_check_seconds");
        assertTrue(r.value(PipelineBenchmark.TURNOVER) > stages, "turnover includes the JVM start");
        assertEquals(17, r.value("tests_run"));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("turnover time:"), text);
        assertTrue(text.contains("(17 tests, 0 failed)"), text);
    }
}

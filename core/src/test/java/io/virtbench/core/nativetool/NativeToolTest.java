package io.virtbench.core.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeToolTest {
    /**
     * The output files go to a directory of this test's own: the system's temporary directory is
     * shared with every other build on the machine, whose files would count here.
     */
    @TempDir
    static Path own;

    @BeforeAll
    static void ownTempDir() {
        NativeTool.tempDir = own;
    }

    @AfterAll
    static void systemTempDir() {
        NativeTool.tempDir = null;
    }

    private static int leftovers() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(own, "virtbench-native-*")) {
            for (Path ignored : d) {
                n++;
            }
        }
        return n;
    }

    @Test
    void capturesBothStreamsAndTheExitCodeAndLeavesNoFiles() throws Exception {
        // more than a pipe's 64 KiB on each stream, so a tool that writes a lot is not stalled
        NativeTool.Result r = NativeTool.run(List.of("sh", "-c",
                "i=0; while [ $i -lt 20000 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done; exit 3"),
                null, Duration.ofSeconds(60));
        assertEquals(3, r.exitCode());
        assertEquals(20000, r.stdout().lines().count());
        assertTrue(r.stdout().startsWith("out 0\nout 1\n") && r.stdout().endsWith("out 19999\n"), r.stdout().substring(0, 20));
        assertTrue(r.stderr().startsWith("err 0\n") && r.stderr().endsWith("err 19999\n"));
        assertEquals("err 0", r.firstErrorLine());
        assertEquals(0, leftovers());
    }

    @Test
    void runsInTheGivenDirectory(@TempDir Path dir) throws Exception {
        NativeTool.Result r = NativeTool.run(List.of("pwd"), dir, Duration.ofSeconds(30));
        assertEquals(dir.toRealPath().toString(), r.stdout().strip());
    }

    @Test
    void anOverrunningToolIsKilledWithAOneLineErrorAndLeavesNoFiles() throws Exception {
        long t0 = System.nanoTime();
        UserException e = assertThrows(UserException.class,
                () -> NativeTool.run(List.of("sleep", "30"), null, Duration.ofSeconds(1)));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "killed, not waited for");
        assertEquals("sleep did not finish within 1 s and was killed", e.getMessage());
        assertEquals(0, leftovers());
    }

    @Test
    void aMissingToolIsAOneLineError() {
        UserException e = assertThrows(UserException.class,
                () -> NativeTool.run(List.of("virtbench-no-such-tool"), null, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("cannot start virtbench-no-such-tool: "), e.getMessage());
    }
}

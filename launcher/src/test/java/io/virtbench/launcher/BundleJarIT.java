package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtbench bundle --out FILE.tar.gz} from the fat jar: the tarball unpacks to
 * {@code virtbench/}, whose {@code bin/virtbench} runs {@code sysinfo} with no Java on the PATH
 * and no JAVA_HOME, on a linked runtime that holds virtbench's modules and not the whole JDK, with
 * the class-data sharing archive a JDK ships with (start-up).
 */
class BundleJarIT {
    @TempDir
    Path tmp;

    @Test
    void theTarballRunsWithoutJavaOnThePath() throws Exception {
        Path tarball = tmp.resolve("vb.tar.gz");
        Path log = tmp.resolve("bundle.log");
        int code = SuiteJarIT.run(log, 600, "bundle", "--out", tarball.toString());
        assertEquals(0, code, Files.readString(log));
        Path unpacked = tmp.resolve("unpacked");
        Files.createDirectories(unpacked);
        assertEquals(0, run(unpacked, List.of("tar", "-xzf", tarball.toString())).exit());

        Path launcher = unpacked.resolve("virtbench/bin/virtbench");
        assertTrue(Files.isExecutable(launcher), "bin/virtbench");
        Out sysinfo = run(tmp, List.of("env", "-i", "PATH=/nonexistent", launcher.toString(), "sysinfo", "--format", "json"));
        assertEquals(0, sysinfo.exit(), sysinfo.text());
        assertTrue(sysinfo.text().contains("\"detectedPlatform\""), sysinfo.text());
        assertTrue(sysinfo.text().contains("\"jvmVersion\" : \"" + System.getProperty("java.runtime.version")), sysinfo.text());

        // the runtime has the JDK's class-data sharing archive, and help (the compiler's short path) works
        assertTrue(Files.size(unpacked.resolve("virtbench/runtime/lib/server/classes.jsa")) > 0, "CDS archive");
        Out help = run(tmp, List.of("env", "-i", "PATH=/nonexistent", launcher.toString(), "--help"));
        assertEquals(0, help.exit(), help.text());
        assertTrue(help.text().startsWith("Usage: virtbench"), help.text());
        Out shares = run(tmp, List.of(unpacked.resolve("virtbench/runtime/bin/java").toString(), "-Xshare:on", "-version"));
        assertEquals(0, shares.exit(), "the archive maps: " + shares.text());

        Out modules = run(tmp, List.of(unpacked.resolve("virtbench/runtime/bin/java").toString(), "--list-modules"));
        assertTrue(modules.text().contains("java.sql@") && modules.text().contains("jdk.compiler@"), modules.text());
        assertFalse(modules.text().contains("jdk.jshell@"), "only the modules virtbench needs: " + modules.text());

        // the same bundle as the repository's Containerfile copies it into the image, run as the image would run it
        ImageEmulation.check(unpacked.resolve("virtbench"), tmp);
    }

    @Test
    void anOutputThatExistsIsAUsageError() throws Exception {
        Path dir = tmp.resolve("full");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep"), "x");
        Path log = tmp.resolve("bad.log");
        assertEquals(2, SuiteJarIT.run(log, 60, "bundle", "--out", dir.toString()));
        assertEquals("virtbench: invalid value for --out: " + dir + " exists and is not an empty directory",
                Files.readString(log).strip());
        assertEquals(List.of(dir.resolve("keep")), Files.list(dir).toList(), "nothing written");
    }

    private record Out(int exit, String text) {
    }

    private static Out run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Out(p.exitValue(), text);
    }
}

package io.virtbench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What only a fresh JVM shows: the classes the server loads, and the NIO transport. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildJvmTest {
    @TempDir
    Path tmp;

    /** Netty's NIO transport, the fallback where epoll is missing, serves and benchmarks too (in a fresh JVM). */
    @Test
    void theNioFallbackWorks() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dvirtbench.transport=nio", "-cp", System.getProperty("java.class.path"), ServeProbe.class.getName(), "bench");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("nio keepalive=false complete=50 failed=0"), out);
        assertTrue(out.contains("nio keepalive=true complete=50 failed=0"), out);
    }

    /** Without --db-url no JDBC, HikariCP or Connector/J class is loaded (checked in a fresh JVM). */
    @Test
    void withoutADatabaseNoJdbcClassIsLoaded() throws Exception {
        Path log = tmp.resolve("classes.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ServeProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("HTTP/1.1 200 OK"), out);
        String classes = Files.readString(log);
        assertTrue(classes.contains("io.virtbench.http.server.HttpServer "), "the log lists loaded classes");
        for (String banned : List.of("com.zaxxer.", "com.mysql.", "java.sql.", "io.virtbench.http.server.HikariSbtestReader")) {
            assertFalse(classes.contains(" " + banned), banned + " was loaded");
        }
    }
}

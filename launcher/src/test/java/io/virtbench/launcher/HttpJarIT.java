package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code http serve} and {@code http bench} from the fat jar on each JDK: epoll loads, no warnings, SIGTERM stops the server. */
class HttpJarIT {
    static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/) \\(Netty (\\w+),");

    @ParameterizedTest
    @MethodSource("io.virtbench.launcher.JarIT#javas")
    void serveAndBenchFromTheJar(String java) throws Exception {
        Path log = Files.createTempFile("virtbench-serve", ".log");
        Process server = new ProcessBuilder(java, "-jar", JarIT.JAR.toString(), "http", "serve", "--port", "0", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String first = "";
            for (int i = 0; i < 300 && !first.contains("\n"); i++) {
                Thread.sleep(50);
                first = Files.readString(log);
            }
            Matcher m = LISTENING.matcher(first);
            assertTrue(m.find(), "first line: " + first);
            assertEquals("epoll", m.group(2), "the native transport loads from the jar");
            NativeTool.Result bench = NativeTool.run(List.of(java, "-jar", JarIT.JAR.toString(), "http", "bench", "--warmup", "0",
                    "-k", "-n", "50", "-c", "2", "--format", "json", m.group(1)), null, Duration.ofSeconds(60));
            assertEquals(0, bench.exitCode(), bench.stderr());
            assertEquals("", bench.stderr(), "no warnings on " + java);
            RunResult r = ResultFiles.fromJson(bench.stdout());
            assertEquals(50, r.value("complete_requests"));
            assertEquals("epoll", r.details().get("transport"));
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(0, server.exitValue());
            String all = Files.readString(log);
            assertTrue(all.contains("stopped after 2 connections: 50 2xx"), all);
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}

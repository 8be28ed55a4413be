package io.virtbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Launches real local processes (a shell, a sleep-then-listen JVM, a beacon JVM) and checks the times. */
@Timeout(60)
class BootBenchmarkTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final StopSignal stop = new StopSignal();

    private Output output() {
        return new Output(OutputFormat.TEXT, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), null, "test", stop);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** A shell command line that runs {@code mainClass} of this module's classes in a fresh JVM. */
    private static String java(Class<?> mainClass, String... args) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = String.join(File.pathSeparator, location(mainClass), location(Beacon.class), location(UserException.class));
        return "exec '" + javaBin + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + cp + "' " + mainClass.getName() + " " + String.join(" ", args);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void exitReadinessTimesTheLaunchCommandAndPrintsItsOutputThenBashTime() throws Exception {
        BootOptions o = new BootOptions("sleep 0.3; echo 57ffb5af27c6", Readiness.parse("exit"), null, 20, 0.1);
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        double t = r.value(BootBenchmark.BOOT_TIME);
        assertTrue(t >= 0.3 && t < 5, "boot time " + t);
        assertTrue(out().matches("(?s)57ffb5af27c6\n\nreal\t0m\\d\\.\\d{3}s\nuser\t0m\\d\\.\\d{3}s\nsys\t0m\\d\\.\\d{3}s\n"), out());
        assertEquals("exit", r.test());
        assertEquals("time (sleep 0.3; echo 57ffb5af27c6)", r.nativeCommand());
        assertEquals(0L, r.details().get("launch_exit_status"));
    }

    @Test
    void tcpReadinessWaitsForTheListener() throws Exception {
        int port = freeTcpPort();
        BootOptions o = new BootOptions(java(SleepThenListen.class, "0.8", Integer.toString(port)),
                Readiness.parse("tcp:127.0.0.1:" + port), null, 30, 0.1);
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message() + "\n" + stderr);
        double t = r.value(BootBenchmark.BOOT_TIME);
        assertTrue(t >= 0.8 && t < 20, "boot time " + t);
        assertTrue(r.value("probes") >= 2, "polled more than once: " + r.value("probes"));
        assertEquals("TCP connect to 127.0.0.1:" + port, r.details().get("readiness_method"));
    }

    @Test
    void beaconReadinessWaitsForTheGuestsDatagram() throws Exception {
        int port = freeUdpPort();
        BootOptions o = new BootOptions("sleep 0.5; " + java(BeaconMain.class, "127.0.0.1:" + port),
                Readiness.parse("beacon:127.0.0.1:" + port), null, 30, 0.1);
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message() + "\n" + stderr);
        double t = r.value(BootBenchmark.BOOT_TIME);
        assertTrue(t >= 0.5 && t < 20, "boot time " + t);
        assertTrue(String.valueOf(r.details().get("beacon_payload")).startsWith("virtbench-beacon seq="), r.details().toString());
        assertTrue(String.valueOf(r.details().get("beacon_from")).startsWith("127.0.0.1:"));
        assertNotNull(r.details().get("guest_uptime_seconds"));
    }

    @Test
    void aShellBeaconWithoutJavaCounts() throws Exception {
        int port = freeUdpPort();
        // what a guest without a JVM sends from its init script
        BootOptions o = new BootOptions("sleep 0.2; printf 'virtbench-beacon\\n' | bash -c 'cat > /dev/udp/127.0.0.1/" + port + "'",
                Readiness.parse("beacon:127.0.0.1:" + port), null, 10, 0.1);
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message() + "\n" + stderr);
        assertTrue(r.value(BootBenchmark.BOOT_TIME) >= 0.2);
    }

    @Test
    void pingReadinessAnswersOnLoopback() throws Exception {
        BootOptions o = new BootOptions("true", Readiness.parse("ping:127.0.0.1"), null, 10, 0.1);
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message() + "\n" + stderr);
        assertTrue(r.value(BootBenchmark.BOOT_TIME) < 5);
        assertNotNull(r.details().get("readiness_method"));
    }

    @Test
    void timeoutFailsTheRunKillsTheLaunchAndStillTearsDown() throws Exception {
        int port = freeTcpPort(); // nobody listens
        Path pid = tmp.resolve("pid");
        Path torn = tmp.resolve("torn");
        BootOptions o = new BootOptions("echo $$ > '" + pid + "'; exec sleep 30", Readiness.parse("tcp:127.0.0.1:" + port),
                "echo down > '" + torn + "'", 1, 0.1);
        long t0 = System.nanoTime();
        RunResult r = BootBenchmark.run(o, output(), 1);
        double took = (System.nanoTime() - t0) / 1e9;
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.message().contains("within the timeout of 1 s"), r.message());
        assertFalse(r.metric(BootBenchmark.BOOT_TIME).isPresent());
        assertTrue(took < 12, "gave up in time: " + took);
        assertTrue(Files.exists(torn), "teardown ran");
        long launched = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(launched).map(ProcessHandle::isAlive).orElse(false), "launch process killed");
    }

    @Test
    void aFailingLaunchEndsTheWaitAtOnce() throws Exception {
        int port = freeTcpPort();
        BootOptions o = new BootOptions("exit 3", Readiness.parse("tcp:127.0.0.1:" + port), null, 30, 0.1);
        long t0 = System.nanoTime();
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.message().contains("exited with status 3"), r.message());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        RunResult exit = BootBenchmark.run(new BootOptions("exit 4", null, null, 30, 0.1), output(), 1);
        assertEquals(RunStatus.FAILED, exit.status());
        assertTrue(exit.message().contains("status 4"), exit.message());
    }

    @Test
    void aHangingTeardownIsKilled() throws Exception {
        BootOptions o = new BootOptions("true", null, "exec sleep 30", 1, 0.1);
        long t0 = System.nanoTime();
        RunResult r = BootBenchmark.run(o, output(), 1);
        assertEquals(RunStatus.COMPLETE, r.status());
        assertTrue((System.nanoTime() - t0) / 1e9 < 8);
        assertEquals("killed after the timeout", r.details().get("teardown_status"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("teardown command did not finish"));
    }

    @Test
    void ctrlCInterruptsTheWait() throws Exception {
        int port = freeTcpPort();
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        try {
            s.schedule(stop::request, 300, TimeUnit.MILLISECONDS);
            BootOptions o = new BootOptions("exec sleep 30", Readiness.parse("tcp:127.0.0.1:" + port), null, 30, 0.1);
            long t0 = System.nanoTime();
            RunResult r = BootBenchmark.run(o, output(), 1);
            assertEquals(RunStatus.INTERRUPTED, r.status());
            assertTrue((System.nanoTime() - t0) / 1e9 < 10);
        } finally {
            s.shutdownNow();
        }
    }

    @Test
    void optionsAreValidated() {
        assertEquals(UserException.USAGE, org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> new BootOptions(" ", null, null, 10, 0.1)).exitCode());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> new BootOptions("true", null, null, 0, 0.1)).getMessage().contains("--timeout"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> new BootOptions("true", null, null, 10, 0)).getMessage().contains("--poll"));
    }
}

package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.boot.Beacon;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The import, report, boot, beacon and sysinfo commands through the real command line. */
class ReportCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        Cli c = Cli.run("--help");
        for (String cmd : List.of("boot", "beacon", "import", "report", "sysinfo")) {
            assertTrue(c.out().contains("\n  " + cmd), "lists " + cmd + ":\n" + c.out());
        }
        Cli report = Cli.run("report", "--help");
        for (String opt : List.of("--baseline=PLATFORM", "--format=FORMAT", "--alpha=P")) {
            int at = report.out().indexOf(opt);
            assertTrue(at >= 0 && report.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        Cli boot = Cli.run("boot", "--help");
        for (String opt : List.of("--ready=SPEC", "--timeout=SECONDS", "--poll=SECONDS", "--repeat=N")) {
            int at = boot.out().indexOf(opt);
            assertTrue(at >= 0 && boot.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report x --format xml|--format",
            "report x --alpha 2|--alpha",
            "report|RESULTS",
            "import|FILE",
            "boot|--launch",
            "boot --launch true --ready foo|--ready",
            "boot --launch true --ready tcp:host|--ready",
            "boot --launch true --timeout 0|--timeout",
            "boot --launch true --poll 0|--poll",
            "beacon nohostport|HOST:PORT",
            "sysinfo --format xml|--format",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void importThenReportInEveryFormat() throws Exception {
        Path results = tmp.resolve("results");
        Cli imported = Cli.run("import", PaperLogs.dir().resolve("cpu").toString(), "--out", results.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("imported 50 run(s) from 5 file(s) into " + results), imported.out());
        Cli list = Cli.run("import", "--list");
        assertTrue(list.out().contains("sysbench-cpu"), list.out());
        assertTrue(list.out().contains("bash-time"), list.out());
        assertTrue(list.out().contains("iperf3-json"), list.out());
        assertTrue(list.out().contains("ab"), list.out());
        Cli text = Cli.run("report", results.toString(), "--baseline", "metal");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("CPU events: cpu events_per_second"), text.out());
        Cli csv = Cli.run("report", results.toString(), "--format", "csv");
        assertTrue(csv.out().startsWith("kind,feature,title,level,platform,"), csv.out());
        Path page = tmp.resolve("report.html");
        Cli html = Cli.run("report", results.toString(), "--format", "html", "--out", page.toString());
        assertEquals(0, html.code(), html.err());
        assertTrue(Files.readString(page).contains("<figure class=\"chart\" data-feature=\"cpu\">"));
    }

    @Test
    void brokenIperf3AndAbLogsAreOneLineNamingFileAndLine() throws Exception {
        String[] net = PaperLogs.read(PaperLogs.file("network", "-metal-bandwidth.log")).split("\n", -1);
        net[400] = net[400] + " oops";
        Path brokenNet = tmp.resolve("x-metal-bandwidth.log");
        Files.writeString(brokenNet, String.join("\n", net));
        String ab = PaperLogs.read(PaperLogs.file("http-benchmark", "-metal-"));
        Path brokenAb = tmp.resolve("x-vm-http-benchmark.log");
        Files.writeString(brokenAb, ab.replaceFirst("Requests per second: +73.39", "Requests per second:    seventy"));
        Cli c = Cli.run("import", brokenNet.toString(), brokenAb.toString(), PaperLogs.file("network", "-vm-jitter.log").toString(),
                "--out", tmp.resolve("r").toString());
        assertEquals(1, c.code());
        List<String> err = c.err().lines().toList();
        assertEquals(2, err.size(), c.err());
        assertTrue(err.get(0).startsWith("virtbench: " + brokenNet + ":401: not iperf3 JSON: "), err.get(0));
        assertTrue(err.get(0).endsWith("(iperf3-json)"), err.get(0));
        assertEquals("virtbench: " + brokenAb + ":22: not a number: 'seventy [#/sec] (mean)' (ab)", err.get(1));
        assertTrue(c.out().contains("imported 10 run(s) from 1 file(s)"), c.out());
    }

    @Test
    void aBrokenLogFailsTheImportButNotTheOthers() throws Exception {
        Path broken = tmp.resolve("x-metal-boot.log");
        Files.writeString(broken, "\nreal\t0m1.000s\n\nreal\tsoon\n");
        Cli c = Cli.run("import", broken.toString(), PaperLogs.file("boot", "-metal-").toString(), "--out", tmp.resolve("r").toString());
        assertEquals(1, c.code());
        assertEquals("virtbench: " + broken + ":4: 'real\tsoon' is not a time like 1m1.577s (bash-time)\n", c.err());
        assertTrue(c.out().contains("imported 10 run(s) from 1 file(s)"), c.out());
    }

    @Test
    void bootMeasuresAndWritesJson() throws Exception {
        Cli c = Cli.run("boot", "--launch", "sleep 0.2", "--format", "json", "--platform", "metal");
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("boot", r.workload());
        assertTrue(r.value("boot_time_seconds") >= 0.2);
        assertEquals("metal", r.host().platform());
        assertTrue(r.host().detectedPlatform() != null, "every result records the detected platform");
    }

    @Test
    void beaconIsAcknowledged() throws Exception {
        try (Beacon.Listener l = new Beacon.Listener("127.0.0.1", 0)) {
            CompletableFuture<Beacon.Received> got = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.await(Deadline.inMillis(10_000), Stopwatch.start(), 0.1, () -> false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Cli c = Cli.run("beacon", "127.0.0.1:" + l.port(), "--timeout", "10");
            assertEquals(0, c.code(), c.err());
            assertTrue(c.out().startsWith("beacon acknowledged by 127.0.0.1:" + l.port()), c.out());
            assertTrue(got.get().payload().startsWith("virtbench-beacon"));
        }
    }

    @Test
    void anUnansweredBeaconGivesUpAfterItsTimeout() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Cli c = Cli.run("beacon", "127.0.0.1:" + port, "--timeout", "0.5");
        assertEquals(1, c.code());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        assertTrue(c.err().startsWith("virtbench: no acknowledgement from 127.0.0.1:" + port + " within 0.5 s"), c.err());
        assertEquals(1, c.err().lines().count());
    }

    @Test
    void sysinfoPrintsThePlatformAndItsEvidence() {
        Cli here = Cli.run("sysinfo");
        assertEquals(0, here.code(), here.err());
        assertTrue(here.out().startsWith("platform: "), here.out());
        assertTrue(here.out().contains("\nevidence:\n"), here.out());
        assertTrue(here.out().contains("\nhost:\n"), here.out());
        Cli json = Cli.run("sysinfo", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"evidence\""), json.out());
        assertFalse(json.out().isBlank());
    }

    @Test
    void strictRefusesUnlikeRunsAndRunsFormatPrintsEveryRun() throws Exception {
        Path results = tmp.resolve("mixed");
        Path one = tmp.resolve("one-thread.log");
        Path two = tmp.resolve("two-threads.log");
        // the study's metal cpu log (1 thread), and the same with the thread count changed to 2
        String log = PaperLogs.read(PaperLogs.file("cpu", "-metal-"));
        Files.writeString(one, log);
        Files.writeString(two, log.replace("Number of threads: 1", "Number of threads: 2"));
        assertEquals(0, Cli.run("import", one.toString(), "--platform", "metal", "--out", results.toString()).code());
        assertEquals(0, Cli.run("import", one.toString(), two.toString(), "--platform", "kvm", "--out", results.toString()).code());
        Cli text = Cli.run("report", results.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("WARNING: CPU events: kvm has runs that differ in threads"), text.out());
        Cli strict = Cli.run("report", results.toString(), "--strict");
        assertEquals(2, strict.code());
        assertEquals(1, strict.err().lines().count(), strict.err());
        assertTrue(strict.err().startsWith("virtbench: --strict: runs that are not alike: CPU events: kvm has runs that differ in "
                + "threads"), strict.err());
        Cli runs = Cli.run("report", results.toString(), "--format", "runs", "--drop-outliers", "--levels");
        assertEquals(0, runs.code(), runs.err());
        assertEquals(1 + 30, runs.out().lines().count(), runs.out());
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("cpu,CPU events,kvm,,threads=2,")), runs.out());
    }
}

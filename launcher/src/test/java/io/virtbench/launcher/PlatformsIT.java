package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suite --on host,oci:runc,oci:runsc} from the fat jar with a profile of every workload,
 * each one short run: three platforms in one report, each guest's sysinfo names what it is
 * (gVisor under runsc), and nothing is left behind (network namespace, veth, mount, bundle,
 * container, process). A platform that cannot start is one line and the others still run; a
 * stopped suite tears its guest down. Needs root, runc and runsc (skipped without them, except in
 * CI: VIRTBENCH_REQUIRE_NATIVE=1).
 */
class PlatformsIT {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void threePlatformsOneReport() throws Exception {
        assumeGuests();
        Path profile = profile();
        Path out = tmp.resolve("on");
        Path log = tmp.resolve("on.log");
        int code = SuiteJarIT.run(log, 900, "suite", "--profile", profile.toString(), "--on", "host,oci:runc,oci:runsc",
                "--out", out.toString());
        String text = Files.readString(log);
        assertEquals(0, code, text);
        assertTrue(text.contains("virtbench report: ") && text.contains("3 platforms (metal, docker, gvisor); baseline metal"),
                text);
        assertTrue(Files.size(out.resolve("report.html")) > 10_000);

        JsonNode platforms = ResultFiles.mapper().readTree(out.resolve("platforms.json").toFile()).path("platforms");
        assertEquals(3, platforms.size(), platforms.toString());
        for (JsonNode p : platforms) {
            assertEquals("done", p.path("status").asText(), p.toString());
            assertTrue(p.path("warning").isMissingNode(), "detected platform fits the label: " + p);
        }
        assertEquals("gvisor", platforms.get(2).path("detected").path("platform").asText(), platforms.get(2).toString());
        assertTrue(platforms.get(2).path("network").asText().contains("gVisor's netstack"), platforms.get(2).toString());
        assertEquals("runc", platforms.get(1).path("detected").path("platform").asText(), platforms.get(1).toString());
        JsonNode gvisorInfo = ResultFiles.mapper().readTree(out.resolve("runsc/guest/sysinfo.json").toFile());
        assertEquals("4.4.0", gvisorInfo.path("host").path("kernel").asText(), "gVisor's own kernel version string");

        for (String label : List.of("host", "runc", "runsc")) {
            Path local = label.equals("host") ? out.resolve(label) : out.resolve(label).resolve("guest");
            Path remote = out.resolve(label);
            String where = label + ": ";
            assertTrue(only(local, "cpu", label).value("events_per_second") > 10, where + "cpu");
            assertTrue(only(local, "fileio-seqrd", label).value("read_mib_per_second") > 1, where + "seqrd");
            assertTrue(only(local, "fileio-seqwr", label).value("written_mib_per_second") > 0.01, where + "seqwr");
            assertTrue(only(local, "pipeline", label).value("turnover_seconds") > 0.1, where + "pipeline");
            RunResult tcp = only(remote, "net-tcp", label);
            assertTrue(tcp.value("sum_received_mbit_per_second") > 1, where + "tcp");
            double jitter = only(remote, "net-udp", label).value("jitter_ms");
            assertTrue(jitter >= 0 && jitter < 1000, where + "jitter " + jitter);
            assertTrue(only(remote, "oltp-read-write", label).value("transactions") > 0, where + "oltp");
            RunResult http = only(remote, "http", label);
            assertEquals(200, http.value("complete_requests"), where + "http");
            assertEquals(0, http.value("failed_requests"), where + "http");
            if (!label.equals("host")) {
                double boot = only(remote, "boot", label).value("boot_time_seconds");
                assertTrue(boot > 0 && boot < 300, where + "boot time " + boot);
                String guestAddress = String.valueOf(tcp.parameters().get("host"));
                assertTrue(guestAddress.startsWith("10.214."), where + "the clients measured the guest's own address " + guestAddress);
                assertTrue(String.valueOf(http.parameters().get("url")).contains(guestAddress), where + http.parameters());
            }
        }
        assertNothingLeft(out, List.of("runc", "runsc"));
    }

    @Test
    void aGuestThatCannotStartIsOneLineAndTheOthersRun() throws Exception {
        assumeGuests();
        Path out = tmp.resolve("broken");
        Path log = tmp.resolve("broken.log");
        // /bin/false as the OCI runtime: the guest ends at once
        int code = SuiteJarIT.run(log, 300, "suite", "--profile", profile().toString(), "--on", "broken=oci:false,host",
                "--only", "cpu,net-tcp", "--out", out.toString());
        String text = Files.readString(log);
        assertEquals(1, code, text);
        List<String> lines = text.lines().filter(l -> l.startsWith("virtbench suite: platform broken failed")).toList();
        assertEquals(1, lines.size(), text);
        assertTrue(lines.get(0).contains("failed at step local steps: the guest ended (exit status 1)"), lines.get(0));
        assertTrue(only(out.resolve("host"), "cpu", "host").value("events_per_second") > 10, "host still ran");
        assertTrue(only(out.resolve("host"), "net-tcp", "host").value("sum_received_mbit_per_second") > 1, "host still ran");
        assertTrue(text.contains("platforms (metal); baseline metal"), "the first platform with results is the baseline: " + text);
        assertNothingLeft(out, List.of("broken"));
    }

    @Test
    void aStoppedSuiteTearsItsGuestDown() throws Exception {
        assumeGuests();
        Path out = tmp.resolve("stopped");
        Path log = tmp.resolve("stopped.log");
        Process p = new ProcessBuilder(SuiteJarIT.command("suite", "--profile", profile().toString(), "--on", "oci:runc",
                "--only", "cpu", "--set", "cpu-time=120", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("cpu                    running") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), Files.readString(log));
            p.destroy(); // SIGTERM, as Ctrl-C
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "stops on SIGTERM: " + Files.readString(log));
            assertEquals(130, p.exitValue(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
        assertNothingLeft(out, List.of("runc"));
    }

    /** The test profile, copied out of the test's resources (a guest reads it from the results directory). */
    private Path profile() throws IOException {
        Path p = tmp.resolve("platforms-it.profile");
        try (InputStream in = PlatformsIT.class.getResourceAsStream("platforms-it.profile")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private static RunResult only(Path dir, String step, String label) throws IOException {
        List<RunResult> rs = new ArrayList<>();
        Path stepDir = dir.resolve("steps").resolve(step);
        assertTrue(Files.isDirectory(stepDir), stepDir + " exists");
        try (Stream<Path> s = Files.list(stepDir)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                rs.add(ResultFiles.read(f));
            }
        }
        assertEquals(1, rs.size(), stepDir + " holds one result");
        assertEquals(label, rs.get(0).host().platform(), "labelled with its platform");
        return rs.get(0);
    }

    /** The guests' namespaces, veth pairs, bundles, containers and processes are all gone. */
    private static void assertNothingLeft(Path out, List<String> guests) throws Exception {
        String namespaces = tool("ip", "netns", "list");
        String links = tool("ip", "-o", "link");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        for (String g : guests) {
            List<String> launch = List.of(Files.readString(out.resolve(g).resolve("guest").resolve("launch.txt")).strip().split(" "));
            String id = launch.get(launch.size() - 1);
            String bundle = launch.get(launch.indexOf("--bundle") + 1);
            assertTrue(id.startsWith("virtbench-" + g + "-"), id);
            assertFalse(Files.exists(Path.of(bundle)), "bundle removed: " + bundle);
            assertFalse(mounts.contains(bundle), "nothing mounted on the bundle");
            for (String r : List.of("runc", "runsc")) {
                assertFalse(tool(r, "list").contains(id), r + " list still shows " + id);
            }
            assertEquals(List.of(), processesMentioning(id), "no process of container " + id);
        }
        for (JsonNode p : ResultFiles.mapper().readTree(out.resolve("platforms.json").toFile()).path("platforms")) {
            String network = p.path("network").asText();
            int at = network.indexOf("veth pair to the host (");
            if (at < 0) {
                continue;
            }
            String veth = network.substring(at + "veth pair to the host (".length()).split(",")[0];
            String ns = "vb-" + veth.substring(3);
            assertFalse(links.contains(" " + veth + "@") || links.contains(" " + veth + ":"), "veth removed: " + veth);
            assertFalse(List.of(namespaces.split("\\s+")).contains(ns), "namespace removed: " + ns + " in " + namespaces);
        }
    }

    static List<String> processesMentioning(String id) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(id)) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        }
        return found;
    }

    private static String tool(String... cmd) {
        return NativeTool.run(List.of(cmd), null, TOOL_TIMEOUT).stdout();
    }

    private static void assumeGuests() {
        String why = null;
        if (!tool("id", "-u").strip().equals("0")) {
            why = "needs root (starts containers and network namespaces)";
        } else {
            for (String t : List.of("ip", "unshare", "runc", "runsc")) {
                if (NativeTool.find(t).isEmpty()) {
                    why = "needs " + t + " (Debian packages iproute2, util-linux, runc, runsc)";
                }
            }
        }
        if (why != null && NativeTools.required()) {
            throw new AssertionError("suite --on " + why + ", but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(why == null, "suite --on " + why + "; skipping (CI requires it)");
    }
}

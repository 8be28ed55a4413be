package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's two machines, as two network namespaces joined by a veth pair: {@code virtbench
 * serve -B A --embedded-db} runs in namespace "guest", {@code virtbench suite --target A} with
 * the quick profile's network, HTTP and OLTP steps in namespace "client". Needs root and
 * {@code ip netns} (skipped without them, except in CI: VIRTBENCH_REQUIRE_NATIVE=1). The
 * namespaces, named with a random suffix, and every process in them are removed afterwards.
 */
class TwoNamespacesIT {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    private final String guest = "vbg" + suffix;
    private final String client = "vbc" + suffix;
    private final int subnet = ThreadLocalRandom.current().nextInt(0, 64) * 4;
    private final String guestAddress = "10.213." + ThreadLocalRandom.current().nextInt(1, 255) + "." + (subnet + 1);
    private final String clientAddress = guestAddress.substring(0, guestAddress.lastIndexOf('.') + 1) + (subnet + 2);
    private final List<String> created = new ArrayList<>();
    private Process serve;

    @Test
    void suiteOnTheClientMeasuresServeInTheGuest() throws Exception {
        assumeNamespaces();
        ip("netns", "add", guest);
        created.add(guest);
        ip("netns", "add", client);
        created.add(client);
        String vethGuest = "vg" + suffix;
        String vethClient = "vc" + suffix;
        ip("link", "add", vethGuest, "type", "veth", "peer", "name", vethClient);
        ip("link", "set", vethGuest, "netns", guest);
        ip("link", "set", vethClient, "netns", client);
        ip("-n", guest, "addr", "add", guestAddress + "/30", "dev", vethGuest);
        ip("-n", client, "addr", "add", clientAddress + "/30", "dev", vethClient);
        for (String[] ns : new String[][] {{guest, vethGuest}, {client, vethClient}}) {
            ip("-n", ns[0], "link", "set", "lo", "up"); // the JIT warm-ups use loopback
            ip("-n", ns[0], "link", "set", ns[1], "up");
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path serveLog = tmp.resolve("serve.log");
        serve = new ProcessBuilder("ip", "netns", "exec", guest, java, "-jar", JarIT.JAR.toAbsolutePath().toString(), "serve",
                "-B", guestAddress, "--embedded-db").redirectErrorStream(true).redirectOutput(serveLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!Files.readString(serveLog).contains("all services ready") && serve.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String served = Files.readString(serveLog);
        assertTrue(served.contains("all services ready"), served);
        assertTrue(served.contains("network server (iperf3) ready on " + guestAddress + ":5201"), served);
        assertTrue(served.contains("HTTP target ready on http://" + guestAddress + ":8080/"), served);
        assertTrue(served.contains("MariaDB ready on " + guestAddress + ":3306"), served);

        Path out = tmp.resolve("client");
        Path log = tmp.resolve("suite.log");
        Process suite = new ProcessBuilder("ip", "netns", "exec", client, java, "-jar", JarIT.JAR.toAbsolutePath().toString(),
                "suite", "--target", guestAddress, "--only", "net,http,oltp", "--out", out.toString(), "--platform", "kvm",
                "--set", "time=1", "--set", "net-time=1", "--repeat", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(suite.waitFor(240, TimeUnit.SECONDS), "suite within 240 s: " + Files.readString(log));
        } finally {
            suite.destroyForcibly();
        }
        String text = Files.readString(log);
        assertEquals(0, suite.exitValue(), text + "\n--- serve:\n" + Files.readString(serveLog));
        assertTrue(text.contains("target " + guestAddress), text);
        assertTrue(!text.contains("starting service"), "no local services with --target: " + text);

        RunResult tcp = SuiteJarIT.results(out, "net-tcp").get(0);
        assertEquals(guestAddress, String.valueOf(tcp.parameters().get("host")));
        assertTrue(tcp.value("sum_received_mbit_per_second") > 10, "TCP over the veth pair: " + tcp.value("sum_received_mbit_per_second"));
        RunResult udp = SuiteJarIT.results(out, "net-udp").get(0);
        assertTrue(udp.value("jitter_ms") >= 0 && udp.value("jitter_ms") < 1000, "jitter " + udp.value("jitter_ms"));
        for (String s : List.of("oltp-read-only", "oltp-read-write", "oltp-write-only")) {
            List<RunResult> rs = SuiteJarIT.results(out, s);
            assertEquals(2, rs.size(), s);
            for (RunResult r : rs) {
                assertTrue(r.value("transactions") > 0, s + ": transactions against the guest's database");
            }
        }
        RunResult http = SuiteJarIT.results(out, "http").get(0);
        assertEquals(1000, http.value("complete_requests"));
        assertEquals(0, http.value("failed_requests"));
        assertTrue(String.valueOf(http.parameters().get("url")).contains(guestAddress + ":8080"));
        assertTrue(Files.exists(out.resolve("report.html")));

        serve.destroy(); // SIGTERM: serve stops every service
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
        String all = Files.readString(serveLog);
        assertTrue(all.contains("virtbench serve: stopped"), all);
        assertEquals("", pids(guest), "nothing left running in the guest namespace (mariadbd stopped)");
    }

    @AfterEach
    void removeNamespaces() throws Exception {
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        for (String ns : created) {
            for (String pid : pids(ns).split("\\s+")) {
                if (!pid.isBlank()) {
                    NativeTool.run(List.of("kill", "-9", pid), null, IP_TIMEOUT);
                }
            }
            NativeTool.run(List.of("ip", "netns", "del", ns), null, IP_TIMEOUT); // removes the veth pair too
        }
    }

    private static String pids(String ns) throws Exception {
        return NativeTool.run(List.of("ip", "netns", "pids", ns), null, IP_TIMEOUT).stdout().strip();
    }

    private static void assumeNamespaces() throws Exception {
        String why = null;
        NativeTool.Result id = NativeTool.run(List.of("id", "-u"), null, IP_TIMEOUT);
        if (!id.stdout().strip().equals("0")) {
            why = "needs root (creates network namespaces)";
        } else if (NativeTool.find("ip").isEmpty()) {
            why = "needs ip (Debian package iproute2)";
        } else if (NativeTool.run(List.of("ip", "netns", "list"), null, IP_TIMEOUT).exitCode() != 0) {
            why = "ip netns does not work here";
        }
        if (why != null && NativeTools.required()) {
            throw new AssertionError("the two-namespace test " + why + ", but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(why == null, "the two-namespace test " + why + "; skipping (CI requires it)");
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        NativeTool.Result r = NativeTool.run(cmd, null, IP_TIMEOUT);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.stderr());
    }
}

package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suite --on ssh:root@ADDR -i KEY ...} against a real sshd that the test starts in a
 * network namespace of its own (a veth pair to the host, random names and a 10.215.x.y/30), with a
 * host key and a client key it generates, and with /usr/lib/jvm hidden from it, so that the
 * machine has no Java and virtbench copies its bundle over. Needs root, sshd and ssh (skipped
 * without them, except in CI: VIRTBENCH_REQUIRE_NATIVE=1).
 */
class SshIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    private final String ns = "vbs" + suffix;
    private final String hostVeth = "vsh" + suffix;
    private final String guestVeth = "vsg" + suffix;
    private final String prefix = "10.215." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    private final int base = ThreadLocalRandom.current().nextInt(0, 64) * 4;
    private final String hostAddress = prefix + (base + 1);
    private final String guestAddress = prefix + (base + 2);
    private boolean created;
    private Process sshd;

    @Test
    void theSuiteRunsOnAMachineWithoutJavaThroughTheBundle() throws Exception {
        assumeTools();
        ip("netns", "add", ns);
        created = true;
        ip("link", "add", hostVeth, "type", "veth", "peer", "name", guestVeth);
        ip("link", "set", guestVeth, "netns", ns);
        ip("addr", "add", hostAddress + "/30", "dev", hostVeth);
        ip("link", "set", hostVeth, "up");
        ip("-n", ns, "addr", "add", guestAddress + "/30", "dev", guestVeth);
        ip("-n", ns, "link", "set", guestVeth, "up");
        ip("-n", ns, "link", "set", "lo", "up");
        String route = NativeTool.run(List.of("ip", "route", "get", guestAddress), null, TIMEOUT).stdout();
        assertTrue(route.contains("dev " + hostVeth + " "), "the machine is reached through the test's veth: " + route);

        Path hostKey = tmp.resolve("host_key");
        Path clientKey = tmp.resolve("id");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
        Files.copy(Path.of(clientKey + ".pub"), tmp.resolve("authorized_keys"));
        Files.writeString(tmp.resolve("known_hosts"), guestAddress + " " + Files.readString(Path.of(hostKey + ".pub")));
        Path config = tmp.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "ListenAddress " + guestAddress, "Port 22", "HostKey " + hostKey,
                "AuthorizedKeysFile " + tmp.resolve("authorized_keys"), "PermitRootLogin prohibit-password",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "PidFile " + tmp.resolve("sshd.pid"), "") );
        Path sshdLog = tmp.resolve("sshd.log");
        // ip netns exec gives sshd a mount namespace of its own: there /usr/lib/jvm (every JDK here) is an empty
        // tmpfs and /run a fresh one (sshd's privilege separation directory); nothing of it reaches the host
        sshd = new ProcessBuilder("ip", "netns", "exec", ns, "sh", "-c", "mount -t tmpfs none /usr/lib/jvm && mount -t tmpfs none /run"
                + " && mkdir /run/sshd && exec /usr/sbin/sshd -D -e -f " + config).redirectErrorStream(true)
                .redirectOutput(sshdLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(sshdLog).contains("Server listening") && sshd.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(sshdLog).contains("Server listening"), Files.readString(sshdLog));

        Path out = tmp.resolve("out");
        Path log = tmp.resolve("suite.log");
        String spec = "vm=ssh:root@" + guestAddress + " -i " + clientKey + " -o UserKnownHostsFile=" + tmp.resolve("known_hosts")
                + " -o StrictHostKeyChecking=yes";
        Path profile = tmp.resolve("p.profile");
        try (var in = PlatformsIT.class.getResourceAsStream("platforms-it.profile")) {
            Files.write(profile, in.readAllBytes());
        }
        int code = SuiteJarIT.run(log, 900, "suite", "--profile", profile.toString(), "--on", spec, "--only", "cpu,net-tcp,http",
                "--out", out.toString());
        String text = Files.readString(log);
        assertEquals(0, code, text + "\n--- sshd:\n" + Files.readString(sshdLog));
        assertTrue(text.contains("vm: no Java 17+ on root@" + guestAddress + ": copying the bundle"), text);
        assertTrue(result(out.resolve("vm/guest"), "cpu").value("events_per_second") > 10, text);
        RunResult tcp = result(out.resolve("vm"), "net-tcp");
        assertEquals(guestAddress, String.valueOf(tcp.parameters().get("host")));
        assertTrue(tcp.value("sum_received_mbit_per_second") > 1);
        assertEquals(200, result(out.resolve("vm"), "http").value("complete_requests"));
        JsonNode sysinfo = ResultFiles.mapper().readTree(out.resolve("vm/guest/sysinfo.json").toFile());
        assertTrue(sysinfo.path("host").path("jvmVersion").asText().startsWith("17"), sysinfo.toString());

        // the machine shares this one's file system and processes: look for the directory virtbench copied itself to
        String launch = Files.readString(out.resolve("vm/guest/launch.txt"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/tmp/virtbench-[A-Za-z0-9]{6}").matcher(launch);
        assertTrue(m.find(), launch);
        String remoteDir = m.group();
        assertTrue(!Files.exists(Path.of(remoteDir)), "the copied directory is removed: " + remoteDir);
        List<String> processes = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(remoteDir)) {
                        processes.add(cmd);
                    }
                } catch (java.io.IOException e) {
                    // ended meanwhile
                }
            }
        }
        assertEquals(List.of(), processes, "every process of the guest ended");
    }

    private static RunResult result(Path dir, String step) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("steps").resolve(step))) {
            List<Path> files = s.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, files.size(), step);
            RunResult r = ResultFiles.read(files.get(0));
            assertEquals("vm", r.host().platform());
            return r;
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (sshd != null) {
            NativeTool.stop(sshd, Duration.ofSeconds(10));
        }
        if (created) {
            for (String pid : NativeTool.run(List.of("ip", "netns", "pids", ns), null, TIMEOUT).stdout().split("\\s+")) {
                if (!pid.isBlank()) {
                    NativeTool.run(List.of("kill", "-9", pid), null, TIMEOUT);
                }
            }
            NativeTool.run(List.of("ip", "netns", "del", ns), null, TIMEOUT);
        }
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    private static void run(String... cmd) {
        NativeTool.Result r = NativeTool.run(List.of(cmd), null, TIMEOUT);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.stderr());
    }

    private static void assumeTools() {
        String why = null;
        if (!NativeTool.run(List.of("id", "-u"), null, TIMEOUT).stdout().strip().equals("0")) {
            why = "needs root (starts sshd in a network namespace)";
        } else {
            for (String t : List.of("ip", "ssh", "ssh-keygen", "/usr/sbin/sshd")) {
                if (t.startsWith("/") ? !Files.isExecutable(Path.of(t)) : NativeTool.find(t).isEmpty()) {
                    why = "needs " + t + " (Debian packages iproute2, openssh-client, openssh-server)";
                }
            }
        }
        if (why != null && NativeTools.required()) {
            throw new AssertionError("the ssh test " + why + ", but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(why == null, "the ssh test " + why + "; skipping (CI requires it)");
    }
}

package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeTool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A guest started with an OCI runtime's own command line ({@code RUNTIME run}), in its own network
 * namespace joined to the host by a veth pair, from a bundle virtbench writes itself.
 *
 * <p>The runtime runs in a private mount namespace ({@code unshare -m}) in which this machine's
 * {@code /} is bind-mounted onto the bundle's rootfs: that mount exists only there and vanishes
 * with the runtime's processes, so nothing is left mounted on the host. For runsc with its own
 * network stack (the default {@code --network=sandbox}) that namespace also hides
 * {@code /proc/sys/net}: runsc releases before 2024-08 decide that they run in the root network
 * namespace when {@code /proc/sys/net/core/rmem_default} exists, which kernels since 6.x show in
 * every namespace, and refuse to start ("cannot run with network enabled in root network
 * namespace"); hidden, runsc takes the veth's address into its netstack as Docker+gVisor does.
 */
final class OciGuest implements Guest {
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(60);

    private final PlatformSpec spec;
    private final Path hostOut;
    private final Path javaHome;
    private final Path jar;
    private final PrintStream out;
    private final String id;
    private final List<String> runtime;
    private volatile String step = "network";
    private GuestNetwork network;
    private Path bundle;
    private Process process;
    private Thread pump;
    private GuestBoot.Launch launch;

    OciGuest(PlatformSpec spec, Path hostOut, Path javaHome, Path jar, PrintStream out) {
        this.spec = spec;
        this.hostOut = hostOut;
        this.javaHome = javaHome;
        this.jar = jar;
        this.out = out;
        // runtimes accept letters, digits and _+-. in a container id: a density guest's LABEL#i becomes LABEL-i
        this.id = "virtbench-" + spec.label().replaceAll("[^A-Za-z0-9_.-]", "-") + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
        this.runtime = runtimeCommand(spec);
    }

    /** The runtime and its flags; runsc gets the ptrace platform (no KVM needed) unless told otherwise. */
    static List<String> runtimeCommand(PlatformSpec spec) {
        List<String> cmd = new ArrayList<>();
        cmd.add(spec.arg());
        cmd.addAll(spec.flags());
        if (isRunsc(spec)) {
            if (spec.flags().stream().noneMatch(f -> f.startsWith("--platform"))) {
                cmd.add("--platform=ptrace");
            }
            if (spec.flags().stream().noneMatch(f -> f.startsWith("--ignore-cgroups"))) {
                cmd.add("--ignore-cgroups");
            }
        }
        return cmd;
    }

    private static boolean isRunsc(PlatformSpec spec) {
        return spec.runtimeName().startsWith("runsc");
    }

    /** runsc's network mode: the last --network flag, else its default, sandbox. */
    private String runscNetwork() {
        String mode = "sandbox";
        for (String f : spec.flags()) {
            if (f.startsWith("--network=")) {
                mode = f.substring("--network=".length());
            }
        }
        return mode;
    }

    @Override
    public List<String> virtbench() {
        return List.of(OciBundle.GUEST_JAVA + "/bin/java", "-jar", OciBundle.GUEST_JAR);
    }

    @Override
    public String guestOutDir() {
        return OciBundle.GUEST_OUT;
    }

    @Override
    public Path hostOutDir() {
        return hostOut;
    }

    @Override
    public void start(GuestRun.GuestScriptSource source) throws Exception {
        step = "network";
        network = GuestNetwork.create();
        network.verifyRoute();
        step = "bundle";
        Files.createDirectories(hostOut);
        bundle = Files.createTempDirectory("virtbench-bundle-");
        List<String> env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/tmp",
                // what container managers tell the guest (systemd's container interface); sysinfo reads it
                "container=" + spec.runtimeName());
        String script = source.script(network.guestAddress());
        String hostname = spec.label().replaceAll("[^A-Za-z0-9.-]", "-");
        OciBundle.write(bundle, hostname, List.of("/bin/sh", "-c", script), env, javaHome, jar, hostOut.toAbsolutePath(),
                network.namespacePath());
        step = "start";
        boolean hideNet = isRunsc(spec) && runscNetwork().equals("sandbox");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                (hideNet ? "mount -t tmpfs -o ro,size=4k none /proc/sys/net && " : "")
                        + "mount --bind / \"$1\" && shift && exec \"$@\"", "sh", bundle.resolve("rootfs").toString()));
        cmd.addAll(runtime);
        cmd.addAll(List.of("run", "--bundle", bundle.toString(), id));
        Files.writeString(hostOut.resolve("launch.txt"), NativeTool.commandLine(cmd) + "\n");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        launch = new GuestBoot.Launch(System.nanoTime(), java.time.Instant.now(), NativeTool.commandLine(cmd));
        process = pb.start();
        process.getOutputStream().close();
        pump = GuestLog.pump(process, hostOut.resolve("guest.log"), out, spec.label());
        step = "guest";
    }

    @Override
    public GuestBoot.Launch launch() {
        return launch;
    }

    @Override
    public String address() {
        return network == null ? null : network.guestAddress();
    }

    @Override
    public void verifyRoute() {
        network.verifyRoute();
    }

    @Override
    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public int exitStatus() {
        return process != null && !process.isAlive() ? process.exitValue() : -1;
    }

    @Override
    public String readResult(String name) throws IOException {
        Path f = hostOut.resolve(name);
        return Files.exists(f) ? Files.readString(f) : null;
    }

    @Override
    public void collect() {
        // the guest wrote into hostOut through its bind mount
    }

    @Override
    public String network() {
        String base = "own network namespace, veth pair to the host (" + network.hostVeth() + ", guest " + network.guestAddress()
                + ")";
        if (!isRunsc(spec)) {
            return base + ", the host kernel's network stack";
        }
        return base + (runscNetwork().equals("sandbox") ? ", gVisor's netstack (runsc --network=sandbox)"
                : ", runsc --network=" + runscNetwork());
    }

    @Override
    public String fileioMedium() {
        String fs = NativeTool.run(List.of("stat", "-f", "-c", "%T", hostOut.toAbsolutePath().toString()), null, CMD_TIMEOUT)
                .stdout().strip();
        return "host directory " + hostOut.toAbsolutePath() + " (" + (fs.isEmpty() ? "unknown" : fs)
                + ") bind-mounted at " + OciBundle.GUEST_OUT;
    }

    @Override
    public String step() {
        return step;
    }

    /** Stops the container (TERM, then KILL), deletes it, the namespace, the veth pair and the bundle. */
    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        step = "teardown";
        if (process != null) {
            runtime("kill", id, "TERM");
            if (!waitFor(process, 15)) {
                runtime("kill", id, "KILL");
                waitFor(process, 10);
            }
            NativeTool.Result del = runtime("delete", "--force", id);
            process.destroyForcibly();
            waitFor(process, 10);
            if (del.exitCode() != 0 && runtime("state", id).exitCode() == 0) {
                problems.add(spec.arg() + " delete " + id + ": " + del.firstErrorLine());
            }
            if (pump != null) {
                try {
                    pump.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (bundle != null) {
            try {
                Files.deleteIfExists(bundle.resolve("config.json"));
                // never a recursive delete: were / still mounted on rootfs, that would empty this machine
                Files.deleteIfExists(bundle.resolve("rootfs"));
                Files.deleteIfExists(bundle);
            } catch (IOException e) {
                problems.add("cannot remove the bundle " + bundle + ": " + e);
            }
        }
        if (!problems.isEmpty()) {
            throw new UserException(String.join("; ", problems));
        }
    }

    private NativeTool.Result runtime(String... args) {
        List<String> cmd = new ArrayList<>(runtime);
        cmd.addAll(List.of(args));
        try {
            return NativeTool.run(cmd, null, CMD_TIMEOUT);
        } catch (UserException e) {
            return new NativeTool.Result(cmd, 1, "", e.getMessage(), 0);
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}

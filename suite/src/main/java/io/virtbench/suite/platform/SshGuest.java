package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeTool;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An existing machine reached with the system's {@code ssh} (the user's configuration and keys;
 * options after the spec go to ssh): virtbench copies itself into a new temporary directory there
 * (the jar when the machine has a Java 17 or newer, else the {@link Bundle}), runs the
 * {@link GuestScript} in its own session, copies the results back and removes the directory.
 */
final class SshGuest implements Guest {
    private static final Duration CMD_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern JAVA_VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

    private final PlatformSpec spec;
    private final Path hostOut;
    private final Path javaHome;
    private final Path jar;
    private final PrintStream out;
    private final String userHost;
    private final String port;
    private volatile String step = "connect";
    private String address;
    private String remoteDir;
    private boolean bundled;
    private Process process;
    private Thread pump;

    SshGuest(PlatformSpec spec, Path hostOut, Path javaHome, Path jar, PrintStream out) {
        this.spec = spec;
        this.hostOut = hostOut;
        this.javaHome = javaHome;
        this.jar = jar;
        this.out = out;
        String arg = spec.arg();
        int at = arg.indexOf('@');
        int colon = arg.lastIndexOf(':');
        boolean hasPort = colon > at && arg.substring(colon + 1).matches("\\d+");
        this.userHost = hasPort ? arg.substring(0, colon) : arg;
        this.port = hasPort ? arg.substring(colon + 1) : null;
    }

    private List<String> ssh(String... remote) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        if (port != null) {
            cmd.addAll(List.of("-p", port));
        }
        cmd.addAll(spec.flags());
        cmd.add(userHost);
        cmd.addAll(List.of(remote));
        return cmd;
    }

    private String remote(String what, String command) {
        NativeTool.Result r = NativeTool.run(ssh(command), null, CMD_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new UserException(what + " on " + userHost + " failed: " + r.firstErrorLine());
        }
        return r.stdout();
    }

    @Override
    public List<String> virtbench() {
        return bundled ? List.of(remoteDir + "/virtbench/bin/virtbench") : List.of("java", "-jar", remoteDir + "/virtbench.jar");
    }

    @Override
    public String guestOutDir() {
        return remoteDir + "/out";
    }

    @Override
    public Path hostOutDir() {
        return hostOut;
    }

    @Override
    public void start(GuestRun.GuestScriptSource source) throws Exception {
        step = "connect";
        String host = userHost.substring(userHost.indexOf('@') + 1);
        address = InetAddress.getByName(host).getHostAddress();
        String java = remote("checking java", "java -version 2>&1 || true");
        Matcher m = JAVA_VERSION.matcher(java);
        bundled = !(m.find() && Integer.parseInt(m.group(2)) >= 17);
        remoteDir = remote("mktemp", "mktemp -d /tmp/virtbench-XXXXXX").strip();
        if (!remoteDir.startsWith("/tmp/virtbench-")) {
            throw new UserException("mktemp on " + userHost + " answered '" + remoteDir + "'");
        }
        step = "copy";
        Files.createDirectories(hostOut);
        if (bundled) {
            out.println("  " + spec.label() + ": no Java 17+ on " + userHost + ": copying the bundle (a linked runtime)");
            Path tmp = Files.createTempDirectory("virtbench-ssh-");
            try {
                Path tarball = Bundle.write(tmp.resolve("virtbench.tar.gz"), javaHome, jar, out);
                copy(tarball, "tar -xzf - -C " + GuestScript.quote(remoteDir));
            } finally {
                Bundle.deleteTree(tmp);
            }
        } else {
            copy(jar, "cat > " + GuestScript.quote(remoteDir + "/virtbench.jar"));
        }
        remote("mkdir", "mkdir " + GuestScript.quote(guestOutDir()));
        copy(writeTemp(Files.readString(hostOut.resolve("profile.profile"))), "cat > " + GuestScript.quote(guestOutDir()
                + "/profile.profile"));
        copy(writeTemp(source.script(address)), "cat > " + GuestScript.quote(remoteDir + "/guest.sh"));
        step = "start";
        // its own session: the process group's id is written first, so that teardown can end every process of the guest
        List<String> cmd = ssh("setsid sh -c " + GuestScript.quote("echo $$ > " + GuestScript.quote(remoteDir + "/pgid")
                + " && exec sh " + GuestScript.quote(remoteDir + "/guest.sh")));
        Files.writeString(hostOut.resolve("launch.txt"), NativeTool.commandLine(cmd) + "\n");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process.getOutputStream().close();
        pump = GuestLog.pump(process, hostOut.resolve("guest.log"), out, spec.label());
        step = "guest";
    }

    private Path writeTemp(String text) throws IOException {
        Path f = Files.createTempFile(hostOut, ".upload-", ".txt");
        Files.writeString(f, text);
        return f;
    }

    /** Streams a local file into {@code command} on the machine. */
    private void copy(Path file, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ssh(command)).redirectInput(file.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(CMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new UserException("copying " + file.getFileName() + " to " + userHost + " failed: " + text.strip());
        }
        if (file.getFileName().toString().startsWith(".upload-")) {
            Files.delete(file);
        }
    }

    @Override
    public String address() {
        return address;
    }

    /** The machine is the user's to name: load goes where they said; nothing to check on this side. */
    @Override
    public void verifyRoute() {
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
    public String readResult(String name) throws InterruptedException {
        Thread.sleep(750); // each look is an ssh connection: look less often than at a local file
        NativeTool.Result r = NativeTool.run(ssh("cat " + GuestScript.quote(guestOutDir() + "/" + name) + " 2>/dev/null"), null,
                CMD_TIMEOUT);
        return r.exitCode() == 0 ? r.stdout() : null;
    }

    /** Copies the machine's results directory back into {@link #hostOutDir()}. */
    @Override
    public void collect() throws Exception {
        if (remoteDir == null) {
            return;
        }
        Path tar = Files.createTempFile(hostOut, ".results-", ".tar");
        try {
            Process p = new ProcessBuilder(ssh("tar -C " + GuestScript.quote(guestOutDir()) + " -cf - .")).redirectOutput(tar.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(CMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new UserException("copying the results back from " + userHost + " failed");
            }
            NativeTool.Result x = NativeTool.run(List.of("tar", "-xf", tar.toString(), "-C", hostOut.toString()), null, CMD_TIMEOUT);
            if (x.exitCode() != 0) {
                throw new UserException("unpacking the results from " + userHost + " failed: " + x.firstErrorLine());
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Override
    public String network() {
        return "ssh to " + userHost + (port != null ? " port " + port : "") + ", clients to " + address;
    }

    @Override
    public String fileioMedium() {
        return remoteDir == null ? "-" : "the machine's " + guestOutDir() + "/work";
    }

    @Override
    public String step() {
        return step;
    }

    /** Ends the guest's process group (TERM, then KILL) and removes the copied directory. */
    @Override
    public void close() {
        step = "teardown";
        List<String> problems = new ArrayList<>();
        if (remoteDir != null) {
            String d = GuestScript.quote(remoteDir);
            String script = "pg=$(cat " + d + "/pgid 2>/dev/null); if [ -n \"$pg\" ]; then kill -TERM -\"$pg\" 2>/dev/null; i=0; "
                    + "while kill -0 -\"$pg\" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.5; i=$((i+1)); done; "
                    + "kill -KILL -\"$pg\" 2>/dev/null; fi; rm -rf " + d;
            NativeTool.Result r = NativeTool.run(ssh(script), null, CMD_TIMEOUT);
            if (r.exitCode() != 0) {
                problems.add("cleaning up " + remoteDir + " on " + userHost + ": " + r.firstErrorLine());
            }
        }
        if (process != null) {
            NativeTool.stop(process, Duration.ofSeconds(5));
        }
        if (pump != null) {
            try {
                pump.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!problems.isEmpty()) {
            throw new UserException(String.join("; ", problems));
        }
    }
}

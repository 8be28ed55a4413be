package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.suite.Profile;
import io.virtbench.suite.StepEstimate;
import io.virtbench.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One guest's part of {@code suite --on}: the guest-local steps and the services run inside the
 * guest ({@link GuestScript}); the steps that address {target} run here, on the host, against the
 * guest's address, once its services accept connections.
 */
final class GuestRun {
    /** Time for a guest's JVM and services to come up (a JVM under gVisor's ptrace platform starts slowly). */
    private static final long READY_SECONDS = 300;

    private final PlatformSuite.Context ctx;
    private final PlatformSpec spec;
    private final Guest guest;
    private final PrintStream out;
    private final StopSignal stop;
    private final Runnable beforeClients;

    GuestRun(PlatformSuite.Context ctx, PlatformSpec spec, Guest guest) {
        this(ctx, spec, guest, () -> { });
    }

    /**
     * @param beforeClients called once the guest's services are ready, before the host's clients start
     *                      (guests that run at once wait there for each other, so that their clients overlap)
     */
    GuestRun(PlatformSuite.Context ctx, PlatformSpec spec, Guest guest, Runnable beforeClients) {
        this.ctx = ctx;
        this.spec = spec;
        this.guest = guest;
        this.out = ctx.out();
        this.stop = ctx.stop();
        this.beforeClients = beforeClients;
    }

    /** Runs the guest's steps; returns the suite's exit status for this platform. Throws {@link StepFailure}. */
    int run() throws Exception {
        Path platformDir = ctx.outDir().resolve(spec.label());
        Plan plan = plan(ctx, platformDir);
        Map<String, String> values = plan.values();
        List<String> local = plan.local();
        Set<String> remote = plan.remote();
        List<Profile.Service> services = services(ctx, remote, values);
        Files.createDirectories(guest.hostOutDir());
        Files.writeString(guest.hostOutDir().resolve("profile.profile"), ctx.profile().toText());
        List<String> suiteArgs = new ArrayList<>(ctx.extra());
        suiteArgs.addAll(GuestScript.setArgs(ctx.vars()));
        double localSeconds = 0;
        for (Profile.Step s : ctx.profile().steps()) {
            if (local.contains(s.name())) {
                List<String> args = new ArrayList<>(Profile.split(Profile.substitute(s.command(), values)));
                args.addAll(ctx.extra());
                localSeconds += StepEstimate.estimateSeconds(args);
            }
        }
        // the address is the guest's once the network exists; the services' commands need it, so start() builds them late
        GuestScriptSource source = address -> {
            Map<String, String> v = new LinkedHashMap<>(values);
            v.put("bind", address);
            v.put("target", address);
            List<List<String>> commands = new ArrayList<>();
            if (!remote.isEmpty()) {
                for (Profile.Service s : services) {
                    commands.add(Profile.split(Profile.substitute(s.command(), v)));
                }
            }
            return new GuestScript(guest.virtbench(), guest.guestOutDir(), guest.guestOutDir() + "/profile.profile",
                    spec.label(), local, suiteArgs, commands).text();
        };
        out.printf(Locale.ROOT, "  %s: inside the guest: sysinfo%s%s; on the host against it: %s%n", spec.label(),
                local.isEmpty() ? "" : ", " + String.join(", ", local), remote.isEmpty() ? "" : ", then the services",
                remote.isEmpty() ? "nothing" : String.join(", ", remote));
        long t0 = System.nanoTime();
        guest.start(source);
        out.printf(Locale.ROOT, "  %s: guest started at %s (%s)%n", spec.label(), guest.address(), guest.network());
        GuestBoot.Launch launch = guest.launch();
        GuestBoot.Ready ready = launch == null ? null
                : GuestBoot.await(guest.hostOutDir().resolve(GuestScript.STARTED), guest, READY_SECONDS, stop);
        try {
            awaitFile(GuestScript.LOCAL_EXIT, "local steps", (long) (localSeconds * 3) + READY_SECONDS);
        } finally {
            if (ready != null) {
                // after the local steps, so that the guest's sysinfo (written first) labels what it detected
                RunResult boot = GuestBoot.result(spec.label(), launch, ready, guest.hostOutDir().resolve(GuestScript.SYSINFO));
                ResultFiles.write(platformDir.resolve("steps").resolve(GuestBoot.STEP), boot);
                out.printf(Locale.ROOT, "  %s: boot time (launch to the guest's first command) %.3f s%n", spec.label(),
                        boot.value(GuestBoot.BOOT_TIME));
            }
        }
        if (stop.requested()) {
            return Repetitions.EXIT_INTERRUPTED;
        }
        String localExit = guest.readResult(GuestScript.LOCAL_EXIT).strip();
        int exit = "0".equals(localExit) ? 0 : "130".equals(localExit) ? Repetitions.EXIT_INTERRUPTED : UserException.FAILURE;
        if (exit != 0) {
            ctx.err().println("virtbench suite: platform " + spec.label() + ": a step inside the guest failed (exit status "
                    + localExit + "); see " + guest.hostOutDir().resolve("guest.log"));
        }
        if (remote.isEmpty() || stop.requested()) {
            return stop.requested() ? Repetitions.EXIT_INTERRUPTED : exit;
        }
        guest.verifyRoute();
        awaitReady(services, values);
        out.printf(Locale.ROOT, "  %s: services ready in the guest after %.1f s%n", spec.label(), (System.nanoTime() - t0) / 1e9);
        beforeClients.run();
        if (stop.requested()) {
            return Repetitions.EXIT_INTERRUPTED;
        }
        SuiteRunner host = ctx.runner(ctx.options(platformDir, guest.address(), remote));
        int hostExit = host.run(null);
        return hostExit != 0 ? hostExit : exit;
    }

    /**
     * The selected steps split by where they run: local (inside the guest: no {target}) and remote
     * (the host's clients against the guest), with every placeholder's value (the address not yet known).
     */
    record Plan(List<String> local, Set<String> remote, Map<String, String> values) {
    }

    static Plan plan(PlatformSuite.Context ctx, Path platformDir) throws IOException {
        SuiteRunner planner = ctx.runner(ctx.options(platformDir, "0.0.0.0", Set.of()));
        Map<String, String> values = planner.placeholders();
        List<String> local = new ArrayList<>();
        Set<String> remote = new LinkedHashSet<>();
        for (Profile.Step s : planner.selectedSteps()) {
            if (SuiteRunner.addressesTarget(ctx.profile(), ctx.vars(), s, values)) {
                remote.add(s.name());
            } else {
                local.add(s.name());
            }
        }
        return new Plan(local, remote, values);
    }

    /**
     * The services the guest runs for the selected host steps: the profile's, except that a
     * {@code serve} whose database no selected step uses ({db-port}) starts without its throwaway
     * MariaDB and is not awaited on that port: a MariaDB in every guest costs a few hundred MB and
     * its start-up, which matters with many guests on a small machine.
     */
    static List<Profile.Service> services(PlatformSuite.Context ctx, Set<String> remote, Map<String, String> values) {
        boolean db = ctx.profile().steps().stream().filter(s -> remote.contains(s.name()))
                .anyMatch(s -> SuiteRunner.uses(ctx.profile(), ctx.vars(), s, values, "db-port"));
        List<Profile.Service> kept = new ArrayList<>();
        for (Profile.Service s : ctx.profile().services()) {
            List<String> args = Profile.split(s.command());
            if (db || args.isEmpty() || !args.get(0).equals("serve") || !args.contains("--embedded-db")) {
                kept.add(s);
                continue;
            }
            String ready = String.join(",", java.util.Arrays.stream(s.ready().split(",")).map(String::strip)
                    .filter(r -> !r.isEmpty() && !r.contains("{db-port}")).toList());
            kept.add(new Profile.Service(s.name(), s.command().replaceAll("(^|\\s)--embedded-db(?=\\s|$)", "").strip(), ready));
        }
        return kept;
    }

    /** Builds the guest's script once its address is known. */
    @FunctionalInterface
    interface GuestScriptSource {
        String script(String address);
    }

    private void awaitFile(String name, String what, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        for (String v = guest.readResult(name); v == null || v.isBlank(); v = guest.readResult(name)) {
            if (stop.requested()) {
                return;
            }
            if (!guest.alive()) {
                throw new StepFailure(what, "the guest ended (exit status " + guest.exitStatus() + ") before its " + what
                        + " finished; see " + guest.hostOutDir().resolve("guest.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailure(what, "not finished within " + timeoutSeconds + " s");
            }
            Thread.sleep(250);
        }
    }

    /** Waits until every port of the services' ready lines accepts a connection at the guest's address. */
    private void awaitReady(List<Profile.Service> services, Map<String, String> values) throws Exception {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put("bind", guest.address());
        v.put("target", guest.address());
        List<InetSocketAddress> ports = new ArrayList<>();
        for (Profile.Service s : services) {
            if (s.ready().isEmpty()) {
                continue;
            }
            for (String one : Profile.substitute(s.ready(), v).split(",")) {
                String t = one.strip();
                int colon = t.lastIndexOf(':');
                ports.add(new InetSocketAddress(guest.address(), Integer.parseInt(t.substring(colon + 1))));
            }
        }
        long deadline = System.nanoTime() + READY_SECONDS * 1_000_000_000L;
        int next = 0;
        while (next < ports.size()) {
            if (stop.requested()) {
                return;
            }
            if (!guest.alive()) {
                throw new StepFailure("serve", "the guest ended (exit status " + guest.exitStatus()
                        + ") before its services were ready; see " + guest.hostOutDir().resolve("guest.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailure("serve", "the guest's services did not accept connections on " + ports + " within "
                        + READY_SECONDS + " s");
            }
            try (Socket sock = new Socket()) {
                sock.connect(ports.get(next), 500);
                next++;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
    }

    /** A failure of one step of one platform: the suite names both and goes on with the next platform. */
    static final class StepFailure extends Exception {
        final String step;

        StepFailure(String step, String message) {
            super(message);
            this.step = step;
        }
    }
}

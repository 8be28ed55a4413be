package io.virtbench.boot;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Poller;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One boot-time measurement, as the study took it: start the clock, run the launch command,
 * wait until the platform is ready ({@link Readiness}), stop the clock; then run the teardown.
 * With {@code --format text} it prints what bash's {@code time} printed in the study's logs:
 * the launch command's own output (e.g. the container id of {@code docker run -d}), then
 * {@code real}/{@code user}/{@code sys}.
 *
 * <p>Nothing waits forever: readiness gives up after {@code --timeout}, the teardown is killed
 * after {@code --timeout}, and a launch process still running after the teardown is killed with
 * its descendants.
 */
public final class BootBenchmark {
    public static final String WORKLOAD = "boot";
    public static final String BOOT_TIME = "boot_time_seconds";

    /** Linux's USER_HZ, the unit of cutime/cstime in /proc/self/stat (100 on every mainstream architecture). */
    private static final double CLOCK_TICKS = 100;

    private BootBenchmark() {
    }

    /** What waiting for readiness found; {@code readyNanos} counts from the start of the launch. */
    private record Wait(long readyNanos, int probes, String failure, boolean interrupted, String method,
                        Beacon.Received beacon) {
    }

    public static RunResult run(BootOptions o, Output out, int repetition) throws IOException {
        RunResult.Builder r = builder(o, repetition);
        Beacon.Listener beacon = o.ready().kind() == Readiness.Kind.BEACON
                ? new Beacon.Listener(o.ready().host(), o.ready().port()) : null;
        Process launch = null;
        Pump[] pumps = null;
        try {
            double[] cpu0 = childrenCpu();
            Instant start = Instant.now();
            Stopwatch job = Stopwatch.start();
            launch = shell(o.launch());
            pumps = pump(launch, out);
            r.start(start);
            Wait w = await(o, launch, beacon, job, out);
            double seconds = w.readyNanos / 1e9;
            double[] cpu1 = childrenCpu();
            if (o.ready().kind() == Readiness.Kind.EXIT) {
                join(pumps, 500); // the launch command's output comes before the timing, as under bash's time
            }
            r.end(Instant.now());
            details(r, w, beacon, launch);
            outcome(r, w, seconds, cpu0, cpu1, out);
        } finally {
            if (beacon != null) {
                beacon.close();
            }
            try {
                if (o.teardown() != null) {
                    teardown(o, out, r);
                }
            } finally {
                if (launch != null) {
                    // after a teardown the launch process (a foreground VMM) may take a moment to exit on its own
                    stop(launch, o.teardown() != null && o.ready().kind() != Readiness.Kind.EXIT ? Math.min(5, o.timeout()) : 0);
                }
                if (pumps != null) {
                    join(pumps, 200);
                }
            }
        }
        return r.build();
    }

    private static RunResult.Builder builder(BootOptions o, int repetition) {
        RunResult.Builder r = RunResult.builder(WORKLOAD)
                .test(o.ready().testName())
                .repetition(repetition)
                .parameter("launch", o.launch())
                .parameter("ready", o.ready().toString())
                .parameter("timeout", o.timeout())
                .parameter("poll", o.poll())
                .nativeCommand(nativeCommand(o));
        if (o.teardown() != null) {
            r.parameter("teardown", o.teardown());
        }
        return r;
    }

    /** How readiness was seen, and how the launch command ended. */
    private static void details(RunResult.Builder r, Wait w, Beacon.Listener beacon, Process launch) {
        if (w.method != null) {
            r.detail("readiness_method", w.method);
        }
        if (w.beacon != null) {
            r.detail("beacon_from", w.beacon.from()).detail("beacon_payload", w.beacon.payload());
            if (!Double.isNaN(w.beacon.uptimeSeconds())) {
                r.detail("guest_uptime_seconds", w.beacon.uptimeSeconds());
            }
        }
        if (beacon != null && beacon.ignored() > 0) {
            r.detail("ignored_datagrams", beacon.ignored());
        }
        if (!launch.isAlive()) {
            r.detail("launch_exit_status", launch.exitValue());
        }
    }

    /** The status, and on success the boot time, printed as bash's time prints it. */
    private static void outcome(RunResult.Builder r, Wait w, double seconds, double[] cpu0, double[] cpu1, Output out) {
        if (w.interrupted) {
            r.status(RunStatus.INTERRUPTED).message("stopped before the platform was ready");
        } else if (w.failure != null) {
            r.status(RunStatus.FAILED).message(w.failure);
        } else {
            r.lower(BOOT_TIME, seconds, "s");
            PrintStream live = out.live();
            live.println();
            live.println("real\t" + BashTime.format(seconds));
            if (cpu0 != null && cpu1 != null) {
                double user = Math.max(0, cpu1[0] - cpu0[0]);
                double sys = Math.max(0, cpu1[1] - cpu0[1]);
                r.info("user_seconds", user, "s").info("sys_seconds", sys, "s");
                live.println("user\t" + BashTime.format(user));
                live.println("sys\t" + BashTime.format(sys));
            }
            live.flush();
        }
        r.info("probes", w.probes, "count");
    }

    /** What a user would type in bash to take the same measurement. */
    static String nativeCommand(BootOptions o) {
        String wait = switch (o.ready().kind()) {
            case EXIT -> "";
            case TCP -> "; until timeout " + num(o.poll()) + " bash -c '</dev/tcp/" + o.ready().host() + "/" + o.ready().port()
                    + "' 2>/dev/null; do sleep " + num(o.poll()) + "; done";
            case PING -> "; until ping -c1 -n -W" + num(o.poll()) + " " + o.ready().host() + " >/dev/null; do :; done";
            case BEACON -> "; (wait for a UDP datagram on port " + o.ready().port() + ")";
        };
        return "time (" + o.launch() + wait + ")" + (o.teardown() != null ? "; " + o.teardown() : "");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- waiting for readiness ---------------------------------------------------------------

    private static Wait await(BootOptions o, Process launch, Beacon.Listener beacon, Stopwatch job, Output out)
            throws IOException {
        Deadline deadline = Deadline.after(job, (long) (o.timeout() * 1e9));
        long pollNanos = (long) (o.poll() * 1e9);
        Readiness ready = o.ready();
        if (ready.kind() == Readiness.Kind.EXIT) {
            while (true) {
                if (out.stop().requested()) {
                    return new Wait(0, 0, null, true, null, null);
                }
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    return new Wait(0, 0, notReady(o), false, null, null);
                }
                try {
                    if (launch.waitFor(Math.min(left, pollNanos), TimeUnit.NANOSECONDS)) {
                        long at = job.elapsedNanos();
                        int status = launch.exitValue();
                        return status == 0 ? new Wait(at, 1, null, false, "launch command returned", null)
                                : new Wait(at, 1, "the launch command exited with status " + status, false, null, null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Wait(0, 0, null, true, null, null);
                }
            }
        }
        if (ready.kind() == Readiness.Kind.BEACON) {
            Beacon.Received got = beacon.await(deadline, job, o.poll(),
                    () -> out.stop().requested() || exitedWithError(launch));
            if (got != null) {
                return new Wait(got.elapsedNanos(), 1, null, false, "UDP beacon on port " + beacon.port(), got);
            }
            return ending(o, launch, out, 0);
        }
        Pinger pinger = ready.kind() == Readiness.Kind.PING ? new Pinger(ready.host(), o.poll()) : null;
        int probes = 0;
        // the first probe is due at the launch, each next one a poll period after the one before
        Poller tick = Poller.every(pollNanos, job);
        while (true) {
            tick.awaitNext();
            if (out.stop().requested() || exitedWithError(launch) || deadline.passed()) {
                return ending(o, launch, out, probes);
            }
            probes++;
            boolean up = pinger != null ? pinger.ping() : connects(ready.host(), ready.port(), o.poll());
            if (up) {
                return new Wait(job.elapsedNanos(), probes, null, false,
                        pinger != null ? pinger.method() : "TCP connect to " + ready.host() + ":" + ready.port(), null);
            }
        }
    }

    private static Wait ending(BootOptions o, Process launch, Output out, int probes) {
        if (out.stop().requested()) {
            return new Wait(0, probes, null, true, null, null);
        }
        if (exitedWithError(launch)) {
            return new Wait(0, probes, "the launch command exited with status " + launch.exitValue()
                    + " before the platform was ready", false, null, null);
        }
        return new Wait(0, probes, notReady(o), false, null, null);
    }

    private static String notReady(BootOptions o) {
        return "not ready (" + o.ready() + ") within the timeout of " + num(o.timeout()) + " s";
    }

    private static boolean exitedWithError(Process p) {
        return !p.isAlive() && p.exitValue() != 0;
    }

    static boolean connects(String host, int port, double timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), (int) Math.max(1, timeout * 1000));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * One ICMP echo per probe, as the study's {@code ping -c1} with a 0.1 s timeout: the ping
     * binary when installed (it may send ICMP without privileges), else
     * {@link InetAddress#isReachable} (ICMP as root, otherwise a TCP probe of port 7).
     */
    static final class Pinger {
        private final String host;
        private final double timeout;
        private boolean useBinary;

        Pinger(String host, double timeout) {
            this.host = host;
            this.timeout = timeout;
            this.useBinary = NativeTool.find("ping").isPresent();
        }

        String method() {
            return useBinary ? "ping -c1 -n -W" + num(timeout) + " " + host : "InetAddress.isReachable(" + host + ")";
        }

        boolean ping() {
            if (useBinary) {
                try {
                    NativeTool.Result res = NativeTool.run(List.of("ping", "-c", "1", "-n", "-W", num(timeout), host), null,
                            Duration.ofMillis((long) (timeout * 1000) + 2000));
                    if (res.exitCode() == 0) {
                        return true;
                    }
                    if (res.exitCode() == 2 && res.stderr().toLowerCase(Locale.ROOT).contains("invalid")) {
                        useBinary = false; // a ping that does not take fractional -W (busybox): fall back
                    }
                    return false;
                } catch (UserException e) {
                    return false;
                }
            }
            try {
                return InetAddress.getByName(host).isReachable((int) Math.max(1, timeout * 1000));
            } catch (IOException e) {
                return false;
            }
        }
    }

    // ---- processes -----------------------------------------------------------------------

    private static Process shell(String command) {
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new UserException("cannot run the launch command: " + e.getMessage(), e);
        }
    }

    private static void teardown(BootOptions o, Output out, RunResult.Builder r) {
        Process t = shell(o.teardown());
        Pump[] pumps = pump(t, out);
        try {
            if (!t.waitFor((long) (o.timeout() * 1000), TimeUnit.MILLISECONDS)) {
                stop(t, 0);
                out.err().println("virtbench: the teardown command did not finish within " + num(o.timeout()) + " s and was killed");
                r.detail("teardown_status", "killed after the timeout");
            } else {
                join(pumps, 500);
                r.detail("teardown_exit_status", t.exitValue());
                if (t.exitValue() != 0) {
                    out.err().println("virtbench: the teardown command exited with status " + t.exitValue());
                }
            }
        } catch (InterruptedException e) {
            stop(t, 0);
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code graceSeconds} for {@code p} to end, then kills it and its descendants. */
    static void stop(Process p, double graceSeconds) {
        try {
            if (graceSeconds > 0 && p.waitFor((long) (graceSeconds * 1000), TimeUnit.MILLISECONDS)) {
                return;
            }
            List<ProcessHandle> kids = p.descendants().toList();
            kids.forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                kids.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            } else {
                kids.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Copies a child's standard output to virtbench's live stream and its standard error to stderr. */
    private static final class Pump extends Thread {
        private final InputStream in;
        private final PrintStream to;

        Pump(InputStream in, PrintStream to, String name) {
            super(name);
            this.in = in;
            this.to = to;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (to) {
                        to.println(line);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the child closed its end
            }
        }
    }

    private static Pump[] pump(Process p, Output out) {
        Pump[] pumps = {new Pump(p.getInputStream(), out.live(), "boot-stdout"),
                new Pump(p.getErrorStream(), out.err(), "boot-stderr")};
        for (Pump t : pumps) {
            t.start();
        }
        return pumps;
    }

    private static void join(Pump[] pumps, long millis) {
        Deadline deadline = Deadline.inMillis(millis);
        for (Pump t : pumps) {
            try {
                t.join(Math.max(1, deadline.remainingNanos() / 1_000_000)); // join(0) would wait forever
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * CPU seconds of this process's finished children (cutime, cstime of /proc/self/stat), as
     * bash's time reports them via getrusage(RUSAGE_CHILDREN); null where unreadable.
     */
    static double[] childrenCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(f[13]) / CLOCK_TICKS, Long.parseLong(f[14]) / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

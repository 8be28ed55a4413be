package io.virtbench.suite;

import io.virtbench.core.FileTrees;
import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.Direction;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a {@link Profile}: starts its services, runs each step (a virtbench command line) with
 * its results written into {@code OUT/steps/NAME/} as soon as they exist, shows which step runs,
 * how far the suite is and an estimate of the time left, and marks each finished step so that
 * {@code --resume} skips it after an interruption. Ends with the report over every result.
 */
public final class SuiteRunner {

    /** Runs one virtbench command line in this process. */
    @FunctionalInterface
    public interface Commands {
        int run(List<String> args, PrintStream out, PrintStream err, StopSignal stop);
    }

    /**
     * Builds the comparison report over results directories; returns the report file, or null.
     * {@code baseline} is the platform the others are divided by (null: the first result's).
     */
    @FunctionalInterface
    public interface Reporter {
        Path report(List<Path> resultsDirs, String baseline, PrintStream out, PrintStream err) throws Exception;
    }

    /**
     * @param outDir  where the suite writes (created); steps go to {@code outDir/steps/NAME}
     * @param resume  skip the steps a previous run finished
     * @param platform the platform label recorded with every result, or null
     * @param target  the host the network, HTTP and OLTP clients measure; null = this machine, with
     *                the profile's services started locally
     * @param only    run only these steps (empty = all)
     * @param skip    leave out these steps
     * @param extra   arguments appended to every step (e.g. {@code --repeat 2}); later options win
     * @param vars    placeholder values that replace the profile's
     */
    public record Options(Path outDir, boolean resume, String platform, String target, Set<String> only,
                          Set<String> skip, List<String> extra, Map<String, String> vars) {
    }

    /** What happened to each step. */
    public record StepOutcome(String step, String status, int exitCode, double seconds) {
    }

    private static final String DONE = ".done";
    private static final long TICK_NS = 30_000_000_000L;
    /** How long a service may take to be ready (a MariaDB initialising its data directory on a slow disk). */
    private static final long READY_TIMEOUT_NS = 120_000_000_000L;

    private final Profile profile;
    private final Options options;
    private final Commands commands;
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;
    private List<Profile.Step> selected;

    public SuiteRunner(Profile profile, Options options, Commands commands, PrintStream out, PrintStream err,
                       StopSignal stop) {
        this.profile = profile;
        this.options = options;
        this.commands = commands;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** Runs the suite; returns the exit status (0 all steps done, 1 a step failed, 130 interrupted). */
    public int run(Reporter reporter) throws Exception {
        checkVars();
        Path dir = options.outDir();
        ResultFiles.requireWritableDir("--out", dir);
        Files.createDirectories(dir.resolve("steps"));
        Map<String, String> values = placeholders();
        List<Profile.Step> steps = selectedSteps();
        for (Profile.Step s : steps) {
            Profile.split(Profile.substitute(s.command(), values)); // fail early on a bad step
        }
        out.printf(Locale.ROOT, "virtbench suite: profile %s, %d steps, results in %s%s%n", profile.name(), steps.size(), dir,
                options.target() == null ? "" : ", target " + options.target());
        if (!profile.description().isEmpty()) {
            out.println("  " + profile.description());
        }
        List<StepOutcome> outcomes = new ArrayList<>();
        List<RunningService> services = new ArrayList<>();
        int exit;
        long suiteStart = System.nanoTime();
        try {
            // services serve the steps that address {target}: started only when such a step is to run
            if (options.target() == null && steps.stream().anyMatch(s -> !isDone(s) && addressesTarget(s, values))) {
                for (Profile.Service s : profile.services()) {
                    services.add(start(s, values));
                }
            }
            exit = runSteps(steps, values, outcomes, suiteStart);
        } finally {
            for (RunningService s : services) {
                s.stop();
            }
        }
        writeSummary(dir, outcomes);
        if (reporter != null && exit != Repetitions.EXIT_INTERRUPTED) {
            Path report = reporter.report(List.of(dir.resolve("steps")), null, out, err);
            if (report != null) {
                out.println("report: " + report);
            }
        }
        out.printf(Locale.ROOT, "virtbench suite: %s after %s%n", exit == 0 ? "all steps done"
                : exit == Repetitions.EXIT_INTERRUPTED ? "interrupted (run again with --resume to continue)"
                : "finished with failed steps", StepEstimate.duration((System.nanoTime() - suiteStart) / 1e9));
        return exit;
    }

    /** Runs the steps in order, printing progress; returns the suite's exit status so far. */
    private int runSteps(List<Profile.Step> steps, Map<String, String> values, List<StepOutcome> outcomes, long suiteStart)
            throws Exception {
        int exit = 0;
        double[] estimates = steps.stream().mapToDouble(s -> {
            List<String> args = new ArrayList<>(Profile.split(Profile.substitute(s.command(), values)));
            args.addAll(options.extra());
            return StepEstimate.estimateSeconds(args);
        }).toArray();
        double actualDone = 0;
        double estimatedDone = 0;
        for (int i = 0; i < steps.size(); i++) {
            Profile.Step step = steps.get(i);
            if (stop.requested()) {
                exit = Repetitions.EXIT_INTERRUPTED;
                break;
            }
            if (isDone(step)) {
                out.printf(Locale.ROOT, "[%2d/%d] %-22s done earlier, skipped (--resume)%n", i + 1, steps.size(), step.name());
                outcomes.add(new StepOutcome(step.name(), "skipped", 0, 0));
                continue;
            }
            double remainingEstimate = 0;
            for (int j = i; j < steps.size(); j++) {
                remainingEstimate += estimates[j];
            }
            double scale = estimatedDone > 0 ? actualDone / estimatedDone : 1;
            out.printf(Locale.ROOT, "[%2d/%d] %-22s running  (suite %s elapsed, about %s left)%n", i + 1, steps.size(),
                    step.name(), StepEstimate.duration((System.nanoTime() - suiteStart) / 1e9), StepEstimate.duration(remainingEstimate * scale));
            out.flush();
            StepOutcome o = runStep(step, values);
            outcomes.add(o);
            actualDone += o.seconds();
            estimatedDone += estimates[i];
            out.printf(Locale.ROOT, "[%2d/%d] %-22s %-8s (%s)%s%n", i + 1, steps.size(), step.name(), o.status(),
                    StepEstimate.duration(o.seconds()), headline(step));
            if (o.exitCode() == Repetitions.EXIT_INTERRUPTED || stop.requested()) {
                exit = Repetitions.EXIT_INTERRUPTED;
                break;
            }
            if (o.exitCode() != 0) {
                exit = UserException.FAILURE;
            }
        }
        return exit;
    }

    /** The steps --only and --skip leave; a name that matches no step is a usage error. */
    public List<Profile.Step> selectedSteps() {
        for (String n : options.only()) {
            if (profile.steps().stream().noneMatch(s -> matches(n, s))) {
                throw UserException.usage("invalid value for --only: no step or group '" + n + "' in profile " + profile.name());
            }
        }
        for (String n : options.skip()) {
            if (profile.steps().stream().noneMatch(s -> matches(n, s))) {
                throw UserException.usage("invalid value for --skip: no step or group '" + n + "' in profile " + profile.name());
            }
        }
        List<Profile.Step> selected = profile.steps().stream()
                .filter(s -> options.only().isEmpty() || options.only().stream().anyMatch(n -> matches(n, s)))
                .filter(s -> options.skip().stream().noneMatch(n -> matches(n, s)))
                .toList();
        this.selected = selected;
        return selected;
    }

    /** {@code --only}/{@code --skip} NAME: the step NAME, or every step of group NAME (NAME-...). */
    private static boolean matches(String name, Profile.Step s) {
        return s.name().equals(name) || group(s).equals(name);
    }

    /** A step's group: its name up to the first '-' (fileio-prepare, fileio-seqrd, ... form group fileio). */
    static String group(Profile.Step s) {
        int dash = s.name().indexOf('-');
        return dash < 0 ? s.name() : s.name().substring(0, dash);
    }

    /** A step that sets up or tears down (prepare, cleanup) rather than measures. */
    private static boolean setup(Profile.Step s) {
        return !writesResults(Profile.split(s.command()));
    }

    /** The placeholders every profile has, besides its own {@code var}s. */
    private static final List<String> BUILT_IN = List.of("out", "target", "bind", "platform", "work", "net-port", "http-port", "db-port");

    /** A {@code --set} name the profile does not have is a typo that would otherwise be ignored. */
    private void checkVars() {
        Set<String> known = new TreeSet<>(BUILT_IN);
        known.addAll(profile.vars().keySet());
        for (String name : options.vars().keySet()) {
            if (!known.contains(name)) {
                throw UserException.usage("invalid value for --set: profile " + profile.name() + " has no placeholder '"
                        + name + "' (it has: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Every placeholder's value for this run (the ports, {out}, {work}, the vars). */
    public Map<String, String> placeholders() throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("out", options.outDir().toAbsolutePath().toString());
        v.put("target", options.target() == null ? "127.0.0.1" : options.target());
        v.put("bind", "127.0.0.1");
        v.put("platform", options.platform() == null ? "" : options.platform());
        Path work = options.outDir().resolve("work").toAbsolutePath();
        Files.createDirectories(work);
        v.put("work", work.toString());
        // against a --target: the ports `virtbench serve` listens on by default; here: free ports
        String[][] ports = {{"net-port", "5201"}, {"http-port", "8080"}, {"db-port", "3306"}};
        for (String[] port : ports) {
            v.put(port[0], options.target() == null ? Integer.toString(freePort()) : port[1]);
        }
        v.putAll(options.vars());
        for (Map.Entry<String, String> e : profile.vars().entrySet()) {
            if (!options.vars().containsKey(e.getKey())) {
                v.put(e.getKey(), Profile.substitute(e.getValue(), v));
            }
        }
        return v;
    }

    private boolean addressesTarget(Profile.Step s, Map<String, String> values) {
        return addressesTarget(profile, options.vars(), s, values);
    }

    /**
     * Whether a step addresses {target} (directly or through a var): such steps need the services,
     * and with guests they run on the host against the guest; the others run inside the guest.
     *
     * @param overrides the vars given on the command line (they replace the profile's)
     * @param values    every placeholder's value
     */
    public static boolean addressesTarget(Profile profile, Map<String, String> overrides, Profile.Step s,
                                          Map<String, String> values) {
        return uses(profile, overrides, s, values, "target");
    }

    /** Whether a step's command holds the placeholder {@code {name}}, directly or through a var. */
    public static boolean uses(Profile profile, Map<String, String> overrides, Profile.Step s, Map<String, String> values,
                               String name) {
        Map<String, String> marked = new LinkedHashMap<>(values);
        marked.put(name, "{" + name + "}");
        for (Map.Entry<String, String> e : profile.vars().entrySet()) {
            if (!overrides.containsKey(e.getKey())) {
                marked.put(e.getKey(), Profile.substitute(e.getValue(), marked));
            }
        }
        return Profile.substitute(s.command(), marked).contains("{" + name + "}");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path stepDir(Profile.Step s) {
        return options.outDir().resolve("steps").resolve(s.name());
    }

    /**
     * With --resume: a measuring step is done when it finished before; a set-up step (prepare,
     * cleanup) only when, in addition, every measuring step of its group is done, because what
     * it prepared may be gone (a fresh embedded database, files removed by a cleanup).
     */
    private boolean isDone(Profile.Step s) {
        if (!options.resume() || !finished(s)) {
            return false;
        }
        if (!setup(s)) {
            return true;
        }
        List<Profile.Step> scope = selected != null ? selected : profile.steps();
        return scope.stream().filter(o -> group(o).equals(group(s))).allMatch(this::finished);
    }

    private boolean finished(Profile.Step s) {
        return Files.exists(stepDir(s).resolve(DONE));
    }

    private StepOutcome runStep(Profile.Step step, Map<String, String> values) throws IOException {
        Path dir = stepDir(step);
        if (Files.exists(dir)) {
            // a step that did not finish before is run again from the start
            FileTrees.delete(dir);
        }
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(Profile.split(Profile.substitute(step.command(), values)));
        args.addAll(options.extra());
        if (writesResults(args)) {
            args.add("--out");
            args.add(dir.toString());
            if (options.platform() != null) {
                args.add("--platform");
                args.add(options.platform());
            }
        }
        Files.writeString(dir.resolve("command.txt"), "virtbench " + String.join(" ", Secrets.maskArgs(args)) + "\n");
        long t0 = System.nanoTime();
        int code;
        StopSignal stepStop = stop.child();
        Ticker ticker = new Ticker(step.name(), t0);
        ticker.start();
        try (OutputStream log = new FileOutputStream(dir.resolve("output.txt").toFile());
             PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            code = commands.run(args, logStream, logStream, stepStop);
        } catch (RuntimeException e) {
            err.println("virtbench suite: step " + step.name() + " failed: " + Secrets.mask(e.getMessage()));
            code = UserException.FAILURE;
        } finally {
            ticker.interrupt();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String status = code == 0 ? "done" : code == Repetitions.EXIT_INTERRUPTED ? "stopped" : "FAILED";
        if (code == 0) {
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("finished", Instant.now().toString());
            done.put("seconds", Math.round(seconds * 1000) / 1000.0);
            Files.writeString(dir.resolve(DONE), ResultFiles.toJson(done) + System.lineSeparator());
        } else if (code != Repetitions.EXIT_INTERRUPTED) {
            err.println("virtbench suite: step " + step.name() + " exited with status " + code + "; its output is in "
                    + dir.resolve("output.txt") + lastLine(dir.resolve("output.txt")));
        }
        return new StepOutcome(step.name(), status, code, seconds);
    }

    /** Commands that take --out (every measuring command; not prepare/cleanup steps). */
    static boolean writesResults(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        for (String a : args) {
            if (a.equals("prepare") || a.equals("cleanup") || a.equals("--out") || a.startsWith("--out=")) {
                return false;
            }
        }
        return !args.get(0).equals("report") && !args.get(0).equals("import");
    }

    private static String lastLine(Path p) {
        try {
            List<String> lines = Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + Secrets.mask(lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            return "";
        }
    }

    /** The metrics the study compares, shown after a step when its results have one (else the first scored metric). */
    private static final List<String> HEADLINES = List.of("events_per_second", "read_mib_per_second", "written_mib_per_second",
            "jitter_ms", "sum_received_mbit_per_second", "transactions_per_second", "time_per_request_ms", "turnover_seconds",
            "mib_per_second", "ns_per_op", "latency_avg_ms");

    /** The headline metric of each result the step wrote, e.g. "events_per_second 2031.32". */
    private String headline(Profile.Step step) {
        try (Stream<Path> files = Files.list(stepDir(step))) {
            List<RunResult> results = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                results.add(ResultFiles.read(p));
            }
            if (results.isEmpty()) {
                return "";
            }
            List<Metric> metrics = results.get(0).metrics();
            Metric first = HEADLINES.stream().flatMap(n -> metrics.stream().filter(m -> m.name().equals(n) && m.value() != 0)).findFirst()
                    .orElse(metrics.stream().filter(m -> m.direction() != Direction.NONE).findFirst().orElse(null));
            if (first == null) {
                return "";
            }
            // a step of several tests (micro's operations): the first test's results, named
            String test = results.get(0).test();
            boolean several = results.stream().anyMatch(r -> !java.util.Objects.equals(r.test(), test));
            List<RunResult> same = results.stream().filter(r -> java.util.Objects.equals(r.test(), test)).toList();
            double mean = same.stream().mapToDouble(r -> r.metric(first.name()).map(Metric::value).orElse(Double.NaN))
                    .filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
            return String.format(Locale.ROOT, "  %s%s %.2f %s (mean of %d result%s)", several ? test + ": " : "", first.name(),
                    mean, first.unit(), same.size(), same.size() == 1 ? "" : "s");
        } catch (IOException e) {
            return "";
        }
    }

    private void writeSummary(Path dir, List<StepOutcome> outcomes) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profile", profile.name());
        doc.put("platform", options.platform());
        doc.put("target", options.target());
        doc.put("finished", Instant.now());
        doc.put("steps", outcomes);
        Path tmp = dir.resolve(".suite.json.tmp");
        Files.writeString(tmp, ResultFiles.toJson(doc) + "\n");
        Files.move(tmp, dir.resolve("suite.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A service running in the background until the suite ends. */
    private final class RunningService {
        final Profile.Service service;
        final Thread thread;
        final StopSignal signal;
        final AtomicInteger exit = new AtomicInteger(-1);

        RunningService(Profile.Service service, Thread thread, StopSignal signal) {
            this.service = service;
            this.thread = thread;
            this.signal = signal;
        }

        void stop() throws InterruptedException {
            signal.request();
            thread.join(15_000);
            if (thread.isAlive()) {
                err.println("virtbench suite: service " + service.name() + " did not stop within 15 s");
            }
        }
    }

    private RunningService start(Profile.Service s, Map<String, String> values) throws IOException, InterruptedException {
        List<String> args = Profile.split(Profile.substitute(s.command(), values));
        Path log = options.outDir().resolve("service-" + s.name() + ".txt");
        StopSignal signal = stop.child();
        PrintStream logStream = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8);
        RunningService[] holder = new RunningService[1];
        Thread t = new Thread(() -> {
            try {
                holder[0].exit.set(commands.run(args, logStream, logStream, signal));
            } finally {
                logStream.close();
            }
        }, "virtbench-service-" + s.name());
        t.setDaemon(true);
        holder[0] = new RunningService(s, t, signal);
        out.println("  starting service " + s.name() + ": virtbench " + String.join(" ", Secrets.maskArgs(args)));
        t.start();
        if (!s.ready().isEmpty()) {
            awaitReady(s, Profile.substitute(s.ready(), values), holder[0], log);
        }
        return holder[0];
    }

    /** Waits until every {@code tcp:HOST:PORT} of the comma-separated {@code ready} accepts connections. */
    private void awaitReady(Profile.Service s, String ready, RunningService running, Path log) throws InterruptedException {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (String one : ready.split(",")) {
            String t = one.strip();
            int colon = t.lastIndexOf(':');
            if (!t.startsWith("tcp:") || colon <= 4) {
                throw UserException.usage("service " + s.name() + ": ready must be tcp:HOST:PORT[,tcp:HOST:PORT...], got '" + ready + "'");
            }
            String host = t.substring(4, colon);
            try {
                targets.add(new InetSocketAddress(host.replace("[", "").replace("]", ""), Integer.parseInt(t.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw UserException.usage("service " + s.name() + ": bad port in ready '" + t + "'");
            }
        }
        long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        int next = 0;
        while (System.nanoTime() < deadline && !stop.requested()) {
            if (!running.thread.isAlive()) {
                throw new UserException("service " + s.name() + " ended before it was ready (exit status " + running.exit.get()
                        + "); see " + log + lastLine(log));
            }
            try (Socket sock = new Socket()) {
                sock.connect(targets.get(next), 500);
                if (++next == targets.size()) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        running.signal.request();
        throw new UserException("service " + s.name() + " was not ready on " + ready + " within " + READY_TIMEOUT_NS / 1_000_000_000L
                + " s; see " + log);
    }

    /** Prints a line every 30 s while a step runs, so a long step visibly progresses. */
    private final class Ticker extends Thread {
        private final String step;
        private final long start;

        Ticker(String step, long start) {
            super("virtbench-suite-ticker");
            this.step = step;
            this.start = start;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Thread.sleep(TICK_NS / 1_000_000);
                    out.printf(Locale.ROOT, "        %s: %s so far%n", step, StepEstimate.duration((System.nanoTime() - start) / 1e9));
                    out.flush();
                }
            } catch (InterruptedException e) {
                // the step finished
            }
        }
    }
}

package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.Direction;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.suite.Profile;
import io.virtbench.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Phaser;
import java.util.stream.Stream;

/**
 * {@code suite --on oci:RUNTIME --guests N[,N...]}: density and noisy neighbours. For each
 * platform and each N, N identical guests start at once and each runs the profile's guest-local
 * steps (cpu, fileio, pipeline) at the same time, then its own services; once every guest's
 * services are ready the host runs one set of clients per guest (the steps that address {target}:
 * net, HTTP, OLTP) against that guest's address, all at once. Results are labelled {@code LABEL#i}.
 * DIR/density.json and the printed summary give, per platform, N and step, each guest's figure,
 * the minimum, the sum, P(N)/P(1) per guest and Jain's index; the report shows them too.
 *
 * <pre>
 * OUT/density/LABEL-xN/LABEL#i/guest/steps/STEP/  guest i of the set of N: what it measured inside
 * OUT/density/LABEL-xN/LABEL#i/steps/STEP/        the host's clients against guest i; its boot time
 * OUT/density.json
 * </pre>
 */
public final class DensitySuite {
    /** At most this many guests at once: each is a JVM with a heap of its own. */
    public static final int MAX_GUESTS = 64;

    private final Profile profile;
    private final PlatformSuite.Options options;
    private final List<Integer> sweep;
    private final SuiteRunner.Commands commands;
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;

    public DensitySuite(Profile profile, PlatformSuite.Options options, List<Integer> sweep, SuiteRunner.Commands commands,
                        PrintStream out, PrintStream err, StopSignal stop) {
        this.profile = profile;
        this.options = options;
        this.sweep = List.copyOf(sweep);
        this.commands = commands;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** Checks the platforms (OCI only), the sweep and the selection; problems are usage errors. Returns the plan. */
    public GuestRun.Plan check() throws IOException {
        for (PlatformSpec s : options.specs()) {
            if (s.kind() != PlatformSpec.Kind.OCI) {
                throw UserException.usage("--guests starts guests with an OCI runtime: '" + s.describe()
                        + "' is not oci:RUNTIME");
            }
        }
        for (int n : sweep) {
            if (n < 1 || n > MAX_GUESTS) {
                throw UserException.usage("invalid value for --guests: " + n + " (must be 1.." + MAX_GUESTS + ")");
            }
        }
        if (new LinkedHashSet<>(sweep).size() != sweep.size()) {
            throw UserException.usage("invalid value for --guests: a number is given twice");
        }
        new PlatformSuite(profile, options, commands, out, err, stop).check();
        GuestRun.Plan plan = GuestRun.plan(context(options.outDir(), "check", null), options.outDir());
        if (plan.local().isEmpty() && plan.remote().isEmpty()) {
            throw UserException.usage("--guests: no step is selected");
        }
        return plan;
    }

    /**
     * A context that selects {@code steps}, or the user's selection when null; with steps, what it
     * prints (the guest's start, the host's clients) goes out line by line as {@code [host for LABEL]}.
     */
    private PlatformSuite.Context context(Path dir, String label, Set<String> steps) {
        Set<String> only = steps != null ? new LinkedHashSet<>(steps) : options.only();
        Set<String> skip = steps != null ? Set.of() : options.skip();
        PrintStream o = steps == null ? out : LinePrefix.of(out, "[host for " + label + "] ");
        PrintStream e = steps == null ? err : LinePrefix.of(err, "[host for " + label + "] ");
        return new PlatformSuite.Context(profile, dir, only, skip, options.extra(), options.vars(), commands, o, e, stop, label);
    }

    /**
     * Runs every platform at every N, then writes and prints the summary and makes the report
     * (reporter null: none) over the largest set of each platform, guest 1 of the first the baseline;
     * returns 0, 1 or 130.
     */
    public int run(SuiteRunner.Reporter reporter) throws Exception {
        GuestRun.Plan plan = check();
        Set<String> selected = new LinkedHashSet<>(plan.local());
        selected.addAll(plan.remote());
        Files.createDirectories(options.outDir());
        int exit = 0;
        List<Density> rows = new ArrayList<>();
        for (PlatformSpec spec : options.specs()) {
            Map<String, Map<Integer, List<Double>>> figures = new LinkedHashMap<>();
            Map<String, Metric> metrics = new LinkedHashMap<>();
            for (int n : sweep) {
                if (stop.requested()) {
                    break;
                }
                out.printf(Locale.ROOT, "== %s (%s): %d guest%s at once ==%n", spec.label(), spec.describe(), n, n == 1 ? "" : "s");
                Path setDir = options.outDir().resolve("density").resolve(spec.label() + "-x" + n);
                int code = runSet(spec, n, setDir, selected);
                exit = code == Repetitions.EXIT_INTERRUPTED || exit == Repetitions.EXIT_INTERRUPTED ? Repetitions.EXIT_INTERRUPTED
                        : code != 0 ? UserException.FAILURE : exit;
                collect(spec, n, setDir, plan, figures, metrics);
            }
            for (var e : figures.entrySet()) {
                Metric m = metrics.get(e.getKey());
                double one = Density.one(e.getValue());
                for (var byN : e.getValue().entrySet()) {
                    rows.add(Density.of(spec.label(), byN.getKey(), e.getKey(), m.name(), m.unit(),
                            m.direction() == Direction.HIGHER_IS_BETTER, byN.getValue(), one));
                }
            }
        }
        write(rows);
        print(rows);
        if (reporter != null && !stop.requested()) {
            report(reporter);
        }
        return stop.requested() ? Repetitions.EXIT_INTERRUPTED : exit;
    }

    /** The report over each platform's largest set of guests (every guest's results, side by side) and density.json. */
    private void report(SuiteRunner.Reporter reporter) throws Exception {
        int most = sweep.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Path> dirs = new ArrayList<>();
        String baseline = null;
        for (PlatformSpec spec : options.specs()) {
            for (int i = 1; i <= most; i++) {
                Path guest = options.outDir().resolve("density").resolve(spec.label() + "-x" + most).resolve(spec.label() + "#" + i);
                for (Path d : List.of(guest.resolve("steps"), guest.resolve("guest").resolve("steps"))) {
                    if (Files.isDirectory(d)) {
                        dirs.add(d);
                        baseline = baseline == null ? spec.label() + "#" + i : baseline;
                    }
                }
            }
        }
        Path report = dirs.isEmpty() ? null : reporter.report(dirs, baseline, out, err);
        if (report != null) {
            out.println("report: " + report);
        }
    }

    /** Starts N guests at once, each running the local steps in a thread of its own; tears every one down. */
    private int runSet(PlatformSpec spec, int n, Path setDir, Set<String> steps) throws Exception {
        List<OciGuest> guests = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] codes = new int[n];
        // the guests' clients start together: each guest waits here once its services are ready, a guest that ends leaves
        Phaser ready = new Phaser(n);
        for (int i = 1; i <= n; i++) {
            PlatformSpec g = guestSpec(spec, i);
            guests.add(new OciGuest(g, setDir.resolve(g.label()).resolve("guest"), options.javaHome(), options.jar(), out));
        }
        Thread hook = new Thread(() -> guests.forEach(DensitySuite::closeQuietly), "virtbench-density-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < n; i++) {
                OciGuest guest = guests.get(i);
                PlatformSpec g = guestSpec(spec, i + 1);
                int index = i;
                Thread t = new Thread(() -> codes[index] = runGuest(g, guest, setDir, steps, ready),
                        "virtbench-guest-" + g.label());
                threads.add(t);
                t.start();
            }
        } finally {
            for (Thread t : threads) {
                t.join();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook tears the guests down
            }
        }
        int exit = 0;
        for (int c : codes) {
            exit = c == Repetitions.EXIT_INTERRUPTED ? c : exit == 0 ? c : exit;
        }
        return exit;
    }

    /** Guest i of a platform: the same runtime and flags, labelled LABEL#i. */
    static PlatformSpec guestSpec(PlatformSpec spec, int i) {
        return new PlatformSpec(spec.label() + "#" + i, spec.kind(), spec.arg(), spec.flags());
    }

    private int runGuest(PlatformSpec g, OciGuest guest, Path setDir, Set<String> steps, Phaser ready) {
        try {
            return new GuestRun(context(setDir, g.label(), steps), g, guest, ready::arriveAndAwaitAdvance).run();
        } catch (GuestRun.StepFailure e) {
            err.println("virtbench suite: guest " + g.label() + " failed at step " + e.step + ": " + e.getMessage());
        } catch (Exception e) {
            err.println("virtbench suite: guest " + g.label() + " failed at step " + guest.step() + ": " + e.getMessage());
        } finally {
            ready.arriveAndDeregister();
            try {
                guest.close();
            } catch (RuntimeException e) {
                err.println("virtbench suite: guest " + g.label() + ": " + e.getMessage());
            }
        }
        return stop.requested() ? Repetitions.EXIT_INTERRUPTED : UserException.FAILURE;
    }

    private static void closeQuietly(OciGuest g) {
        try {
            g.close();
        } catch (RuntimeException e) {
            // the JVM is ending: nothing left to tell
        }
    }

    /**
     * A result's primary figure: its first scored metric that is not zero (a fileio write test also
     * reports reads per second, 0), else its first scored metric; null when it has none.
     */
    static Metric primary(RunResult r) {
        Metric first = null;
        for (Metric m : r.metrics()) {
            if (m.direction() != Direction.NONE) {
                if (m.value() != 0) {
                    return m;
                }
                first = first == null ? m : first;
            }
        }
        return first;
    }

    /**
     * Each guest's figure per step (measured inside it, or by the host's clients against it): the
     * primary metric of the first result, the mean over its completed repetitions (of a sweep's first level).
     */
    private void collect(PlatformSpec spec, int n, Path setDir, GuestRun.Plan plan, Map<String, Map<Integer, List<Double>>> figures,
                         Map<String, Metric> metrics) throws IOException {
        List<String> steps = new ArrayList<>(plan.local());
        steps.addAll(plan.remote());
        for (String step : steps) {
            List<Double> values = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Path guest = setDir.resolve(spec.label() + "#" + i);
                Path dir = (plan.local().contains(step) ? guest.resolve("guest") : guest).resolve("steps").resolve(step);
                Double figure = figure(results(dir), step, metrics);
                if (figure == null) {
                    break; // a guest without a figure: no row for this N, rather than a sum over fewer guests
                }
                values.add(figure);
            }
            if (values.size() == n) {
                figures.computeIfAbsent(step, k -> new LinkedHashMap<>()).put(n, values);
            }
        }
    }

    /**
     * One guest's figure of a step: the mean of the step's primary metric (fixed by the first result of
     * any guest, in {@code metrics}) over its completed runs; of a --sweep, whose levels differ in a
     * parameter (threads, concurrency), over the first level's runs only. Null when it has none.
     */
    static Double figure(List<RunResult> results, String step, Map<String, Metric> metrics) {
        double sum = 0;
        int count = 0;
        Map<String, Object> level = null;
        String test = results.isEmpty() ? null : results.get(0).test();
        for (RunResult r : results) {
            Metric first = primary(r);
            // one figure per step: a sweep's first level, a step of several tests (micro's
            // operations) its first test, never a mean across levels or tests
            if (first == null || r.status() != RunStatus.COMPLETE || !Objects.equals(test, r.test())) {
                continue;
            }
            level = level == null ? r.parameters() : level;
            if (!level.equals(r.parameters())) {
                continue;
            }
            String name = metrics.computeIfAbsent(step, k -> first).name();
            for (Metric m : r.metrics()) {
                if (m.name().equals(name)) {
                    sum += m.value();
                    count++;
                    break;
                }
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static List<RunResult> results(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunResult> rs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(x -> x.getFileName().toString().endsWith(".json")).sorted().toList()) {
                rs.add(ResultFiles.read(f));
            }
        }
        return rs;
    }

    private void write(List<Density> rows) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "virtbench-density/1");
        doc.put("profile", profile.name());
        doc.put("guests", sweep);
        doc.put("finished", Instant.now());
        doc.put("rows", rows);
        Path tmp = options.outDir().resolve(".density.json.tmp");
        Files.writeString(tmp, ResultFiles.toJson(doc) + "\n");
        Files.move(tmp, options.outDir().resolve("density.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void print(List<Density> rows) {
        out.println();
        out.println("Density (each guest's figure; P(N)/P(1) per guest; Jain's fairness index, 1 = fair):");
        out.printf(Locale.ROOT, "  %-10s %3s %-16s %-24s %12s %12s %-20s %s%n", "platform", "N", "step", "metric", "min", "sum",
                "P(N)/P(1)", "Jain");
        for (Density d : rows) {
            String ratios = d.vsOne() == null ? "-" : String.join(" ", d.vsOne().stream()
                    .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
            out.printf(Locale.ROOT, "  %-10s %3d %-16s %-24s %12.3f %12.3f %-20s %.3f%n", d.platform(), d.guests(), d.step(),
                    d.metric(), d.min(), d.sum(), ratios, d.jain());
            out.printf(Locale.ROOT, "  %-10s %3s %-16s each guest: %s%n", "", "", "", String.join(" ", d.values().stream()
                    .map(v -> String.format(Locale.ROOT, "%.3f", v)).toList()));
        }
        out.println();
        out.println("density: " + options.outDir().resolve("density.json"));
    }
}

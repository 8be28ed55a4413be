package io.virtbench.suite.platform;

import io.virtbench.core.Repetitions;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code suite --on oci:RUNTIME --guests N[,N...]}: density and noisy neighbours. For each
 * platform and each N, N identical guests start at once and each runs the profile's guest-local
 * steps (cpu, fileio, pipeline) at the same time; their results are labelled {@code LABEL#i}.
 * The steps that address {target} (and so the guests' servers) are left out: their clients run on
 * the host, one platform at a time. DIR/density.json and the printed summary give, per platform,
 * N and step, each guest's figure, the minimum, the sum, P(N)/P(1) per guest and Jain's index.
 *
 * <pre>
 * OUT/density/LABEL-xN/LABEL#i/guest/steps/STEP/  guest i of the set of N
 * OUT/density/LABEL-xN/LABEL#i/steps/boot/        its boot time
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

    /** Checks the platforms (OCI only), the sweep and that some guest-local step is selected; problems are usage errors. */
    public List<String> check() throws IOException {
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
        List<String> local = GuestRun.plan(context(options.outDir(), "check", null), options.outDir()).local();
        if (local.isEmpty()) {
            throw UserException.usage("--guests runs the guest-local steps (cpu, fileio, pipeline), but none is selected");
        }
        return local;
    }

    /** A context that selects {@code steps}, or the user's selection when null. */
    private PlatformSuite.Context context(Path dir, String label, List<String> steps) {
        Set<String> only = steps != null ? new LinkedHashSet<>(steps) : options.only();
        Set<String> skip = steps != null ? Set.of() : options.skip();
        return new PlatformSuite.Context(profile, dir, only, skip, options.extra(), options.vars(), commands, out, err, stop,
                label);
    }

    /** Runs every platform at every N, then writes and prints the summary; returns 0, 1 or 130. */
    public int run() throws Exception {
        List<String> local = check();
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
                int code = runSet(spec, n, setDir, local);
                exit = code == Repetitions.EXIT_INTERRUPTED || exit == Repetitions.EXIT_INTERRUPTED ? Repetitions.EXIT_INTERRUPTED
                        : code != 0 ? UserException.FAILURE : exit;
                collect(spec, n, setDir, local, figures, metrics);
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
        return stop.requested() ? Repetitions.EXIT_INTERRUPTED : exit;
    }

    /** Starts N guests at once, each running the local steps in a thread of its own; tears every one down. */
    private int runSet(PlatformSpec spec, int n, Path setDir, List<String> local) throws Exception {
        List<OciGuest> guests = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] codes = new int[n];
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
                Thread t = new Thread(() -> codes[index] = runGuest(g, guest, setDir, local), "virtbench-guest-" + g.label());
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

    private int runGuest(PlatformSpec g, OciGuest guest, Path setDir, List<String> local) {
        try {
            return new GuestRun(context(setDir, g.label(), local), g, guest).run();
        } catch (GuestRun.StepFailure e) {
            err.println("virtbench suite: guest " + g.label() + " failed at step " + e.step + ": " + e.getMessage());
        } catch (Exception e) {
            err.println("virtbench suite: guest " + g.label() + " failed at step " + guest.step() + ": " + e.getMessage());
        } finally {
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

    /** Each guest's figure per step: the primary metric of the first result, the mean over its completed repetitions. */
    private void collect(PlatformSpec spec, int n, Path setDir, List<String> local, Map<String, Map<Integer, List<Double>>> figures,
                         Map<String, Metric> metrics) throws IOException {
        for (String step : local) {
            List<Double> values = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Path dir = setDir.resolve(spec.label() + "#" + i).resolve("guest").resolve("steps").resolve(step);
                double sum = 0;
                int count = 0;
                List<RunResult> rs = results(dir);
                String test = rs.isEmpty() ? null : rs.get(0).test();
                for (RunResult r : rs) {
                    Metric first = primary(r);
                    // a step of several tests (micro's operations) is figured by its first test only, never a mean across them
                    if (first == null || r.status() != RunStatus.COMPLETE || !java.util.Objects.equals(test, r.test())) {
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
                if (count == 0) {
                    break; // a guest without a figure: no row for this N, rather than a sum over fewer guests
                }
                values.add(sum / count);
            }
            if (values.size() == n) {
                figures.computeIfAbsent(step, k -> new LinkedHashMap<>()).put(n, values);
            }
        }
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

package io.virtbench.suite.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.suite.Profile;
import io.virtbench.suite.StepEstimate;
import io.virtbench.suite.SuiteRunner;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code suite --on SPEC,...}: one suite on several platforms, one report. Each platform runs in
 * turn, the first is the report's baseline. A platform that fails is one line naming it and the
 * step; the next platform still runs and every result measured is kept.
 *
 * <pre>
 * OUT/LABEL/steps/STEP/       the host's results for LABEL (all of them for host; the clients' for a guest)
 * OUT/LABEL/guest/steps/STEP/ what the guest measured inside itself (cpu, fileio, pipeline)
 * OUT/LABEL/guest/sysinfo.json, guest.log, launch.txt   what the guest detected itself to be, its output, how it started
 * OUT/LABEL/sysinfo.json      the same for host
 * OUT/platforms.json          per platform: spec, status, failed step, network mode, file I/O medium, detected platform
 * </pre>
 */
public final class PlatformSuite {

    /** What every platform's run shares. */
    record Context(Profile profile, Path outDir, Set<String> only, Set<String> skip, List<String> extra, Map<String, String> vars,
                   SuiteRunner.Commands commands, PrintStream out, PrintStream err, StopSignal stop, String label) {

        SuiteRunner.Options options(Path dir, String target, Set<String> onlySteps) {
            return new SuiteRunner.Options(dir, false, label, target, onlySteps.isEmpty() ? only : onlySteps,
                    onlySteps.isEmpty() ? skip : Set.of(), extra, vars);
        }

        SuiteRunner runner(SuiteRunner.Options o) {
            return new SuiteRunner(profile, o, commands, out, err, stop);
        }
    }

    /**
     * @param specs    the platforms, baseline first
     * @param javaHome the JDK guests run virtbench with (mounted read-only into OCI guests)
     * @param jar      virtbench's jar
     */
    public record Options(List<PlatformSpec> specs, Path outDir, Set<String> only, Set<String> skip, List<String> extra,
                          Map<String, String> vars, Path javaHome, Path jar) {
    }

    private final Profile profile;
    private final Options options;
    private final SuiteRunner.Commands commands;
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;

    public PlatformSuite(Profile profile, Options options, SuiteRunner.Commands commands, PrintStream out, PrintStream err,
                         StopSignal stop) {
        this.profile = profile;
        this.options = options;
        this.commands = commands;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** Checks, before any work, that every platform can be started here; a problem is a usage error. */
    public void check() {
        boolean needsRoot = false;
        boolean needsJar = false;
        for (PlatformSpec s : options.specs()) {
            if (s.kind() == PlatformSpec.Kind.OCI) {
                needsRoot = true;
                needsJar = true;
                requireTool(s.arg(), "the OCI runtime of '" + s.describe() + "'");
            }
            if (s.kind() == PlatformSpec.Kind.SSH) {
                requireTool("ssh", "ssh (Debian package openssh-client)");
                needsJar = true;
            }
        }
        if (needsRoot) {
            requireTool("ip", "ip (Debian package iproute2), for the guests' network namespaces");
            requireTool("unshare", "unshare (Debian package util-linux)");
            String uid = NativeTool.run(List.of("id", "-u"), null, Duration.ofSeconds(10)).stdout().strip();
            if (!uid.equals("0")) {
                throw UserException.usage("--on oci:...: starting containers and network namespaces needs root (uid 0)");
            }
        }
        if (needsJar && (options.jar() == null || !Files.isRegularFile(options.jar()))) {
            throw UserException.usage("--on: virtbench's jar is needed in the guests, but this virtbench does not run "
                    + "from a jar (" + options.jar() + ")");
        }
        // the selection is the same on every platform: a bad --only/--skip fails here, once
        new SuiteRunner(profile, new SuiteRunner.Options(options.outDir(), false, null, null, options.only(), options.skip(),
                options.extra(), options.vars()), commands, out, err, stop).selectedSteps();
    }

    private static void requireTool(String tool, String what) {
        boolean found = tool.contains("/") ? Files.isExecutable(Path.of(tool)) : NativeTool.find(tool).isPresent();
        if (!found) {
            throw UserException.usage("invalid value for --on: " + what + " is not installed (" + tool + " not found)");
        }
    }

    /** Runs every platform, then the report with the first as baseline; returns 0, 1 (a platform or step failed) or 130. */
    public int run(SuiteRunner.Reporter reporter) throws Exception {
        check();
        Files.createDirectories(options.outDir());
        List<Map<String, Object>> records = new ArrayList<>();
        List<PlatformSpec> specs = options.specs();
        int exit = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < specs.size() && !stop.requested(); i++) {
            PlatformSpec spec = specs.get(i);
            out.printf(Locale.ROOT, "== platform %d/%d: %s (%s) ==%n", i + 1, specs.size(), spec.label(), spec.describe());
            Map<String, Object> rec = runOne(spec);
            records.add(rec);
            int code = (Integer) rec.remove("exit");
            if (code == Repetitions.EXIT_INTERRUPTED || stop.requested()) {
                exit = Repetitions.EXIT_INTERRUPTED;
            } else if (code != 0) {
                exit = UserException.FAILURE;
            }
            writeRecords(records);
        }
        printSummary(records);
        if (reporter != null && exit != Repetitions.EXIT_INTERRUPTED) {
            List<Path> dirs = new ArrayList<>();
            for (PlatformSpec s : specs) {
                for (Path d : List.of(options.outDir().resolve(s.label()).resolve("steps"),
                        options.outDir().resolve(s.label()).resolve("guest").resolve("steps"))) {
                    if (Files.isDirectory(d)) {
                        dirs.add(d);
                    }
                }
            }
            // the first platform with results is the baseline (the first one given, unless it failed)
            String baseline = records.stream().filter(r -> !"failed".equals(r.get("status"))).map(r -> (String) r.get("label"))
                    .findFirst().orElse(null);
            Path report = dirs.isEmpty() || baseline == null ? null : reporter.report(dirs, baseline, out, err);
            if (report != null) {
                out.println("report: " + report);
            }
        }
        out.printf(Locale.ROOT, "virtbench suite --on: %s after %s%n", exit == 0 ? "every platform done"
                : exit == Repetitions.EXIT_INTERRUPTED ? "interrupted" : "finished with failures",
                StepEstimate.duration((System.nanoTime() - t0) / 1e9));
        return exit;
    }

    private Map<String, Object> runOne(PlatformSpec spec) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("label", spec.label());
        rec.put("spec", spec.describe());
        Path dir = options.outDir().resolve(spec.label());
        Context ctx = new Context(profile, options.outDir(), options.only(), options.skip(), options.extra(), options.vars(),
                commands, out, err, stop, spec.label());
        long t0 = System.nanoTime();
        int code;
        Path sysinfo;
        Guest guest = null;
        String step = "steps";
        try {
            Files.createDirectories(dir);
            if (spec.kind() == PlatformSpec.Kind.HOST) {
                sysinfo = dir.resolve(GuestScript.SYSINFO);
                hostSysinfo(sysinfo);
                rec.put("network", "this machine's loopback");
                rec.put("fileio", "this machine's " + dir.resolve("work"));
                code = runHost(ctx, dir);
            } else {
                guest = spec.kind() == PlatformSpec.Kind.SSH
                        ? new SshGuest(spec, dir.resolve("guest"), options.javaHome(), options.jar(), out)
                        : new OciGuest(spec, dir.resolve("guest"), options.javaHome(), options.jar(), out);
                sysinfo = guest.hostOutDir().resolve(GuestScript.SYSINFO);
                code = runGuest(ctx, spec, guest, rec);
            }
            rec.put("status", code == 0 ? "done" : code == Repetitions.EXIT_INTERRUPTED ? "interrupted" : "steps failed");
            rec.put("detected", detection(spec, sysinfo, rec));
        } catch (GuestRun.StepFailure e) {
            code = fail(spec, e.step, e.getMessage(), rec);
        } catch (Exception e) {
            code = fail(spec, guest != null ? guest.step() : step, e.getMessage(), rec);
        }
        rec.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        rec.put("exit", code);
        return rec;
    }

    /**
     * The host in the guests' order: the local steps first with no service running, then the
     * services and the steps that use them, so that its cpu, fileio and pipeline figures, the
     * baseline, are measured as the guests' are.
     */
    private int runHost(Context ctx, Path dir) throws Exception {
        GuestRun.Plan plan = GuestRun.plan(ctx, dir);
        int code = 0;
        if (!plan.local().isEmpty()) {
            code = ctx.runner(ctx.options(dir, null, new LinkedHashSet<>(plan.local()))).run(null);
        }
        if (!plan.remote().isEmpty() && code != Repetitions.EXIT_INTERRUPTED && !stop.requested()) {
            int remote = ctx.runner(ctx.options(dir, null, plan.remote())).run(null);
            code = code != 0 ? code : remote;
        }
        return code;
    }

    private int runGuest(Context ctx, PlatformSpec spec, Guest guest, Map<String, Object> rec) throws Exception {
        // a second Ctrl-C ends the JVM at once: the hook still tears the guest down
        Thread hook = new Thread(guest::close, "virtbench-guest-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new GuestRun(ctx, spec, guest).run();
        } finally {
            rec.put("network", guest.address() == null ? "-" : guest.network());
            rec.put("fileio", guest.fileioMedium());
            try {
                guest.collect(); // what it measured, also when a later step failed
            } catch (Exception e) {
                err.println("virtbench suite: platform " + spec.label() + ": " + e.getMessage());
            }
            try {
                guest.close();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
        }
    }

    private int fail(PlatformSpec spec, String step, String message, Map<String, Object> rec) {
        err.println("virtbench suite: platform " + spec.label() + " failed at step " + step + ": " + message);
        rec.put("status", "failed");
        rec.put("failedStep", step);
        rec.put("error", message);
        return stop.requested() ? Repetitions.EXIT_INTERRUPTED : UserException.FAILURE;
    }

    private void hostSysinfo(Path file) throws IOException {
        try (PrintStream p = new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8)) {
            commands.run(List.of("sysinfo", "--format", "json"), p, err, stop);
        }
    }

    /**
     * What the platform detected itself to be, and whether that fits its kind: host is no container
     * or sandbox, runsc is gVisor, another OCI runtime is a container. A mismatch is a warning.
     */
    private Map<String, Object> detection(PlatformSpec spec, Path sysinfo, Map<String, Object> rec) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!Files.exists(sysinfo)) {
            warn(spec, "recorded no sysinfo", rec);
            return d;
        }
        try {
            JsonNode root = ResultFiles.mapper().readTree(sysinfo.toFile());
            JsonNode det = root.path("detection");
            String platform = det.path("platform").asText(null);
            String sandbox = det.path("sandbox").asText(null);
            String container = det.path("container").asText(null);
            d.put("platform", platform);
            d.put("label", root.path("platform").asText(null));
            d.put("kernel", root.path("host").path("kernel").asText(null));
            String expected = switch (spec.kind()) {
                case HOST -> sandbox == null && container == null ? null : "no container or sandbox";
                case OCI -> spec.runtimeName().startsWith("runsc") ? ("gvisor".equals(sandbox) ? null : "gvisor")
                        : spec.runtimeName().startsWith("kata") ? null : container != null ? null : "a container";
                case SSH -> null;
            };
            if (expected != null) {
                warn(spec, "detected itself as '" + platform + "', expected " + expected, rec);
            }
        } catch (IOException e) {
            warn(spec, "sysinfo unreadable: " + e.getMessage(), rec);
        }
        return d;
    }

    private void warn(PlatformSpec spec, String what, Map<String, Object> rec) {
        String line = "platform " + spec.label() + " (" + spec.describe() + ") " + what;
        err.println("virtbench suite: warning: " + line);
        rec.put("warning", line);
    }

    private void writeRecords(List<Map<String, Object>> records) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profile", profile.name());
        doc.put("baseline", options.specs().get(0).label());
        doc.put("finished", Instant.now());
        doc.put("platforms", records);
        Path tmp = options.outDir().resolve(".platforms.json.tmp");
        Files.writeString(tmp, ResultFiles.toJson(doc) + "\n");
        Files.move(tmp, options.outDir().resolve("platforms.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    private void printSummary(List<Map<String, Object>> records) {
        out.println();
        out.println("Platforms (the first is the baseline):");
        out.printf(Locale.ROOT, "  %-12s %-28s %-13s %-22s %s%n", "label", "spec", "status", "detected", "network");
        for (Map<String, Object> r : records) {
            Map<String, Object> d = (Map<String, Object>) r.getOrDefault("detected", Map.of());
            out.printf(Locale.ROOT, "  %-12s %-28s %-13s %-22s %s%n", r.get("label"), r.get("spec"), r.get("status"),
                    d.getOrDefault("label", "-"), r.getOrDefault("network", "-"));
            if (r.containsKey("warning")) {
                out.println("    warning: " + r.get("warning"));
            }
        }
        out.println();
    }
}

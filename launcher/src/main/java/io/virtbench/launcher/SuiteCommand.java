package io.virtbench.launcher;

import io.virtbench.core.Limits;
import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.report.Comparison;
import io.virtbench.report.PlatformReport;
import io.virtbench.report.Platforms;
import io.virtbench.suite.Profile;
import io.virtbench.suite.SuiteRunner;
import io.virtbench.suite.platform.DensitySuite;
import io.virtbench.suite.platform.PlatformSpec;
import io.virtbench.suite.platform.PlatformSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "suite", mixinStandardHelpOptions = true,
        description = {"The study's whole protocol in one command: every workload in turn, then the report.",
                "A profile (quick, thesis, or a file) lists the steps as virtbench command lines.",
                "A profile is code: a step such as 'boot --launch CMD' runs any shell command, with your rights.",
                "Such a profile runs only when named by its path (--profile ./FILE) or with --allow-commands;",
                "the built-in profiles run none (only virtbench's own workloads and serve)."})
final class SuiteCommand implements Callable<Integer> {
    private final Streams streams;

    SuiteCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "quick",
            description = "quick (a few minutes), thesis (the study's exact parameters), or a profile file")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: virtbench-results/PROFILE)")
    Path out;

    @Option(names = "--resume", description = "skip the steps an earlier, interrupted run of the same --out finished")
    boolean resume;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
    String platform;

    @Option(names = "--target", paramLabel = "HOST",
            description = "run the network, HTTP and OLTP clients against HOST (where `virtbench serve` runs) instead of loopback servers")
    String target;

    @Option(names = "--net-port", paramLabel = "PORT",
            description = "with --target: the network server's port (default: 5201, serve's default)")
    Integer netPort;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "with --target: the HTTP target's port (default: 8080, serve's default)")
    Integer httpPort;

    @Option(names = "--db-port", paramLabel = "PORT",
            description = "with --target: the database's port (default: 3306, serve's default)")
    Integer dbPort;

    @Option(names = "--only", paramLabel = "STEP", split = ",",
            description = "run only these steps, or groups of steps (cpu, fileio, net, oltp, http, pipeline)")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "STEP", split = ",", description = "leave out these steps or groups of steps")
    List<String> skip = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", description = "override every step's --repeat")
    Integer repeat;

    @Option(names = "--allow-commands",
            description = "run the shell commands of a profile's boot steps even when the profile is not named by its path")
    boolean allowCommands;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a profile placeholder (var)")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--on", paramLabel = "SPEC[,SPEC...]",
            description = {"compare platforms in one run: [LABEL=]KIND[:ARG] per platform, the first is the baseline.",
                    "KIND: host (this machine), oci:RUNTIME [FLAGS] (a guest started with runc, runsc, crun, ...: needs root)"})
    String on;

    @Option(names = "--guests", paramLabel = "N[,N...]", split = ",",
            description = {"with --on oci:RUNTIME: start N identical guests at once, each running the guest-local steps",
                    "(cpu, fileio, pipeline) and its own serve, with the host's net/HTTP/OLTP clients against every guest at once;",
                    "a list sweeps N. DIR/density.json and report.html: per guest, min, sum, P(N)/P(1), Jain's index"})
    List<Integer> guests = new ArrayList<>();

    @Option(names = "--no-report", hidden = true, description = "write no report at the end (the guests' own suites)")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        Profile p = Profile.load(profile);
        p.checkCommands(profile, allowCommands);
        for (String c : p.commands()) {
            streams.err().println("virtbench suite: profile " + p.name() + " runs a shell command: " + Secrets.mask(c));
        }
        if (repeat != null) {
            Limits.count("--repeat", repeat, Limits.MAX_RUNS);
        }
        Map<String, String> values = new LinkedHashMap<>(vars);
        Object[][] ports = {{"--net-port", "net-port", netPort}, {"--http-port", "http-port", httpPort}, {"--db-port", "db-port", dbPort}};
        for (Object[] p2 : ports) {
            Integer port = (Integer) p2[2];
            if (port == null) {
                continue;
            }
            if (target == null) {
                throw UserException.usage(p2[0] + " needs --target (without it the suite picks free ports for its own servers)");
            }
            if (port < 1 || port > 65535) {
                throw UserException.usage("invalid value for " + p2[0] + ": " + port + " (must be 1..65535)");
            }
            values.put((String) p2[1], Integer.toString(port));
        }
        List<String> extra = repeat == null ? List.of() : List.of("--repeat", Integer.toString(repeat));
        Path dir = out != null ? out : Path.of("virtbench-results", p.name());
        SuiteRunner.Commands commands = (args, o, e, stop) -> Main.execute(new Streams(o, e, stop), args.toArray(String[]::new));
        if (on != null) {
            return onPlatforms(p, dir, extra, values, commands);
        }
        if (!guests.isEmpty()) {
            throw UserException.usage("--guests starts guests of a platform: it needs --on oci:RUNTIME");
        }
        SuiteRunner.Options options = new SuiteRunner.Options(dir, resume, platform, target, new LinkedHashSet<>(only),
                new LinkedHashSet<>(skip), extra, values);
        SuiteRunner runner = new SuiteRunner(p, options, commands, streams.out(), streams.err(), streams.stop());
        return runner.run(noReport ? null : (dirs, baseline, o, e) -> report(dir, dirs, baseline, o, e));
    }

    private int onPlatforms(Profile p, Path dir, List<String> extra, Map<String, String> values, SuiteRunner.Commands commands)
            throws Exception {
        if (target != null) {
            throw UserException.usage("--on starts its own guests: leave out --target");
        }
        if (resume || platform != null) {
            throw UserException.usage("--on labels each platform itself and runs every platform again: leave out "
                    + (resume ? "--resume" : "--platform"));
        }
        List<PlatformSpec> specs = PlatformSpec.parseList(on);
        Path jar = Jars.running();
        PlatformSuite.Options options = new PlatformSuite.Options(specs, dir, new LinkedHashSet<>(only), new LinkedHashSet<>(skip),
                extra, values, Path.of(System.getProperty("java.home")), jar);
        if (!guests.isEmpty()) {
            return new DensitySuite(p, options, guests, commands, streams.out(), streams.err(), streams.stop())
                    .run(noReport ? null : (dirs, baseline, o, e) -> report(dir, dirs, baseline, o, e, dir.resolve("density.json")));
        }
        PlatformSuite suite = new PlatformSuite(p, options, commands, streams.out(), streams.err(), streams.stop());
        return suite.run(noReport ? null : (dirs, baseline, o, e) -> report(dir, dirs, baseline, o, e));
    }

    /** The report over the suite's results: HTML beside the steps, text on the output; baseline null = the first result's. */
    private static Path report(Path dir, List<Path> dirs, String baseline, java.io.PrintStream o, java.io.PrintStream e)
            throws Exception {
        return report(dir, dirs, baseline, o, e, null);
    }

    /** {@code density}: a density.json whose table and degradation curve the HTML report shows too, or null. */
    private static Path report(Path dir, List<Path> dirs, String baseline, java.io.PrintStream o, java.io.PrintStream e,
                               Path density) throws Exception {
        if (baseline == null) {
            for (Path stepsDir : dirs) {
                try (Stream<Path> files = Files.walk(stepsDir)) {
                    for (Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
                        baseline = Platforms.of(ResultFiles.read(f));
                        break;
                    }
                }
                if (baseline != null) {
                    break;
                }
            }
        }
        if (baseline == null) {
            return null;
        }
        Path html = dir.resolve("report.html");
        PlatformReport.run(new PlatformReport.Options(dirs, baseline, null, PlatformReport.Format.HTML, html,
                Comparison.DEFAULT_ALPHA), o, e, new VersionInfo().getVersion()[0], density);
        PlatformReport.run(new PlatformReport.Options(dirs, baseline, null, PlatformReport.Format.TEXT, null,
                Comparison.DEFAULT_ALPHA), o, e, new VersionInfo().getVersion()[0]);
        return html;
    }
}

package io.virtbench.launcher;

import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.Signals;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code virtbench}: every command in one place. This class and its siblings only parse options
 * and call the workload modules; they hold no benchmark logic.
 */
@Command(name = "virtbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Benchmarks for comparing virtualization platforms, faithful to sysbench, iperf3 and ab.",
                "Run a command with --help for its options and their defaults."})
public final class Main implements Runnable {

    /**
     * Every command, in the order --help lists them. Only the command a command line names is
     * built in full (picocli reflects over its options); the others are listed from their
     * {@code @Command} annotation alone, which keeps start-up short.
     */
    static final List<Class<?>> COMMANDS = List.of(
            CpuCommand.class,
            MemoryCommand.class,
            ThreadsCommand.class,
            MutexCommand.class,
            MicroCommand.class,
            FileioCommand.class,
            NetCommand.class,
            OltpCommand.class,
            HttpCommand.class,
            PipelineCommand.class,
            BootCommand.class,
            BeaconCommand.class,
            SuiteCommand.class,
            ServeCommand.class,
            ImportCommand.class,
            ReportCommand.class,
            SysinfoCommand.class,
            BundleCommand.class,
            CrosscheckCommand.class);

    /** Ctrl-C and SIGTERM ask the running command to stop and keep its results. */
    static final StopSignal STOP = new StopSignal();

    @Spec
    CommandSpec spec;

    private final Streams streams;

    Main(Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
    }

    /**
     * Picocli registers converters for java.sql and java.time types by reflection when it builds
     * a command line; no virtbench option has such a type, and skipping them loads about 100
     * classes fewer at every start (about 30 ms).
     */
    static final String CONVERTERS_EXCLUDED = "java\\.sql\\..*|java\\.time\\..*";

    public static void main(String[] args) {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", CONVERTERS_EXCLUDED);
        }
        int code;
        try {
            Signals.install(STOP, System.err);
            code = execute(System.out, System.err, args);
        } catch (UserException e) {
            System.err.println("virtbench: " + e.getMessage());
            code = e.exitCode();
        }
        System.out.flush();
        Signals.finished();
        System.exit(code);
    }

    /** Runs the command line and returns the exit status (used by tests without exiting). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return execute(new Streams(out, err, STOP), args);
    }

    /** Runs a command line with its own streams and stop signal (the suite runs its steps this way). */
    static int execute(Streams streams, String... args) {
        String[] normalized = normalize(args);
        try {
            return commandLine(streams, normalized).execute(normalized);
        } catch (OutOfMemoryError e) {
            // what held the memory is unreachable now, so one line can still be printed
            streams.err().println("virtbench: out of memory (" + e.getMessage()
                    + "); give the JVM more heap (java -Xmx...) or use fewer threads or connections");
            return UserException.FAILURE;
        }
    }

    static CommandLine commandLine(Streams streams, String[] args) {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        CommandLine.IFactory factory = streams.factory();
        CommandLine cl = new CommandLine(new Main(streams), factory);
        String wanted = wanted(args);
        for (Class<?> c : COMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (a.name().equals(wanted)) {
                cl.addSubcommand(a.name(), new CommandLine(c, factory));
            } else {
                CommandSpec stub = CommandSpec.create().name(a.name());
                stub.usageMessage().description(a.description());
                cl.addSubcommand(a.name(), stub);
            }
        }
        cl.addSubcommand("help", new CommandLine(new CommandLine.HelpCommand(), factory));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // a later occurrence of an option replaces an earlier one (the suite appends overrides)
        cl.setOverwrittenOptionsAllowed(true);
        showDefaults(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println(c.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return UserException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UserException u) {
                err.println("virtbench: " + oneLine(u.getMessage()));
                return u.exitCode();
            }
            if (ex instanceof UnsupportedOperationException u) {
                err.println(oneLine(u.getMessage()));
                return UserException.FAILURE;
            }
            if (ex instanceof InterruptedException) {
                return Repetitions.EXIT_INTERRUPTED;
            }
            err.println("virtbench: internal error: " + ex.getClass().getName() + ": " + oneLine(String.valueOf(ex.getMessage())));
            if (System.getenv("VIRTBENCH_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return UserException.FAILURE;
        });
        return cl;
    }

    /** The command a command line names ({@code help X} names X), or null. */
    private static String wanted(String[] args) {
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-")) {
                positional.add(a);
                if (positional.size() == 2) {
                    break;
                }
            }
        }
        if (positional.isEmpty()) {
            return null;
        }
        return positional.get(0).equals("help") && positional.size() > 1 ? positional.get(1) : positional.get(0);
    }

    private static void showDefaults(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            showDefaults(sub);
        }
    }

    /** The first line of an error message, passwords masked (a driver's message may quote a URL). */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return Secrets.mask((nl >= 0 ? s.substring(0, nl) : s).strip());
    }

    /**
     * sysbench treats '-' and '_' in option names alike ({@code --table_size} is
     * {@code --table-size}); so does virtbench. Values are left alone.
     */
    static String[] normalize(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            String a = out[i];
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                out[i] = "--" + name.substring(2).replace('_', '-') + (eq < 0 ? "" : a.substring(eq));
            }
        }
        return out;
    }
}

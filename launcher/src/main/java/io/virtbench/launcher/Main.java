package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code virtbench}: every command in one place. This class and its siblings only parse options
 * and call the workload modules; they hold no benchmark logic.
 */
@Command(name = "virtbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Benchmarks for comparing virtualization platforms, faithful to sysbench, iperf3 and ab.",
                "Run a command with --help for its options and their defaults."},
        subcommands = {
                CpuCommand.class,
                HttpCommand.class,
                CrosscheckCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

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

    public static void main(String[] args) {
        int code = execute(System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit status (used by tests without exiting). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(normalize(args));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        Streams streams = new Streams(out, err);
        CommandLine cl = new CommandLine(new Main(streams), streams.factory());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
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

    private static void showDefaults(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            showDefaults(sub);
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
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

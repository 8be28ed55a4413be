package io.virtbench.launcher;

import io.virtbench.core.Limits;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "crosscheck", mixinStandardHelpOptions = true,
        description = "Run a native tool and virtbench alternately with identical options and compare their figures.",
        subcommands = {CrosscheckCpuCommand.class, CrosscheckMemoryCommand.class, CrosscheckThreadsCommand.class,
                CrosscheckMutexCommand.class, CrosscheckFileioCommand.class, CrosscheckOltpCommand.class,
                CrosscheckNetCommand.class, CrosscheckHttpCommand.class, CrosscheckLatencyCommand.class})
final class CrosscheckCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "which workload? (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** The virtbench side of a crosscheck prints nothing on stdout; only the comparison table does. */
    static Output quiet(Output o) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new Output(OutputFormat.JSON, none, o.err(), null, o.platform(), o.stop());
    }

    static void checkRuns(int runs) {
        Limits.count("--runs", runs, Limits.MAX_RUNS);
    }
}

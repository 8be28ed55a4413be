package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.oltp.OltpSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "oltp", mixinStandardHelpOptions = true,
        description = {"sysbench oltp_* run vs virtbench oltp run, alternately, against the same database and tables,"
                + " at each --sweep level (or --threads); prints transactions/s, ratios and client CPU per transaction.",
                "Prepares the tables first and drops them at the end (see --prepare, --cleanup), or uses --embedded."})
final class CrosscheckOltpCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckOltpCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "number of pairs per level")
    int runs;

    @Option(names = "--prepare", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class, description = "create and fill the tables first")
    boolean prepare;

    @Option(names = "--cleanup", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class, description = "drop the tables at the end")
    boolean cleanup;

    @Option(names = "--jvm-warmup", paramLabel = "SECONDS", defaultValue = "10",
            description = "run virtbench unmeasured this long before the first pair, so the JIT has compiled the driver"
                    + " (sysbench is native code and needs none); 0 = off")
    double jvmWarmup;

    @Mixin
    OltpOptionsMixin oltp;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "also write every run's result into DIR")
    Path out;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
    String platform;

    @Override
    public Integer call() throws Exception {
        CrosscheckCommand.checkRuns(runs);
        var options = oltp.options();
        var settings = run.settings();
        var target = oltp.target();
        Output o = new Output(OutputFormat.TEXT, streams.out(), streams.err(), out, platform, streams.stop());
        return OltpSession.crosscheck(options, target, settings, o, runs, oltp.sweep, oltp.sweepPause, oltp.embedded,
                prepare, cleanup, jvmWarmup);
    }
}

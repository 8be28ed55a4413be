package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.oltp.OltpSession;
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

    @Mixin
    CrosscheckOptions crosscheck;

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

    @Override
    public Integer call() throws Exception {
        var options = oltp.options();
        var settings = run.settings();
        var target = oltp.target();
        Output o = crosscheck.output(streams);
        return OltpSession.crosscheck(options, target, settings, o, crosscheck.runs, oltp.sweep, oltp.sweepPause, oltp.embedded,
                prepare, cleanup, jvmWarmup);
    }
}

package io.virtbench.launcher;

import io.virtbench.boot.BootBenchmark;
import io.virtbench.boot.BootOptions;
import io.virtbench.boot.Readiness;
import io.virtbench.core.Limits;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Time how long a platform takes to launch: run --launch, wait until --ready, then --teardown.",
                "Equivalent: time (LAUNCH; until READY; do :; done)"})
final class BootCommand implements Callable<Integer> {
    private final Streams streams;

    BootCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--launch", paramLabel = "CMD", required = true, description = "shell command that starts the platform")
    String launch;

    @Option(names = "--ready", paramLabel = "SPEC", defaultValue = Readiness.DEFAULT,
            description = "exit (the launch command returned) | tcp:HOST:PORT | ping:HOST | beacon:[BIND:]PORT "
                    + "(the guest runs 'virtbench beacon HOST:PORT')")
    String ready;

    @Option(names = "--teardown", paramLabel = "CMD", description = "shell command run after each measurement")
    String teardown;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + BootOptions.DEFAULT_TIMEOUT,
            description = "give up waiting for readiness (and for the teardown) after this long")
    double timeout;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "" + BootOptions.DEFAULT_POLL,
            description = "period and timeout of each readiness probe")
    double poll;

    @Option(names = "--pause", paramLabel = "SECONDS", defaultValue = "0", description = "pause between repetitions")
    double pause;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        BootOptions o = new BootOptions(launch, Readiness.parse(ready), teardown, timeout, poll);
        Limits.seconds("--pause", pause);
        Output out = output.open(streams);
        return Repetitions.run(out, output.repeat, pause, rep -> BootBenchmark.run(o, out, rep)).exitCode();
    }
}

package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.threads.ThreadsBenchmark;
import io.virtbench.threads.ThreadsOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "threads", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's threads test: each event locks, yields and unlocks a shared mutex thread-yields times.",
                "Equivalent: sysbench threads --thread-yields=1000 --thread-locks=8 --threads=1 --time=10 run"})
final class ThreadsCommand implements Callable<Integer> {
    private final Streams streams;

    ThreadsCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", defaultValue = "run",
            description = "run; prepare and cleanup exist for sysbench compatibility and do nothing for threads")
    String command;

    @Mixin
    ThreadsOptionsMixin test;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunWord.check("threads", command);
        ThreadsOptions options = test.options();
        RunSettings settings = run.settings();
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> ThreadsBenchmark.run(options, settings, o, rep)).exitCode();
    }
}

package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.mutex.MutexBenchmark;
import io.virtbench.mutex.MutexOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "mutex", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's mutex test: one event per thread of mutex-locks random lock/unlock pairs, each after mutex-loops empty turns.",
                "Equivalent: sysbench mutex --mutex-num=4096 --mutex-locks=50000 --mutex-loops=10000 --threads=1 run"})
final class MutexCommand implements Callable<Integer> {
    private final Streams streams;

    MutexCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", defaultValue = "run",
            description = "run; prepare and cleanup exist for sysbench compatibility and do nothing for mutex")
    String command;

    @Mixin
    MutexOptionsMixin test;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunWord.check("mutex", command);
        MutexOptions options = test.options();
        RunSettings settings = run.settings();
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> MutexBenchmark.run(options, settings, o, rep)).exitCode();
    }
}

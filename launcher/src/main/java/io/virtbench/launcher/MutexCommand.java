package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.mutex.MutexBenchmark;
import io.virtbench.mutex.MutexOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mutex", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's mutex test: one event per thread of mutex-locks random lock/unlock pairs, each after mutex-loops empty turns.",
                "Equivalent: sysbench mutex --mutex-num=4096 --mutex-locks=50000 --mutex-loops=10000 --threads=1 run"})
final class MutexCommand extends RunOnlyCommand {
    MutexCommand(Streams streams) {
        super("mutex", streams);
    }

    @Mixin
    MutexOptionsMixin test;

    @Override
    Run bind(RunSettings settings) {
        MutexOptions options = test.options();
        return (o, rep) -> MutexBenchmark.run(options, settings, o, rep);
    }
}

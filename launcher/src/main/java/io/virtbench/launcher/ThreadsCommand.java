package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.threads.ThreadsBenchmark;
import io.virtbench.threads.ThreadsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "threads", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's threads test: each event locks, yields and unlocks a shared mutex thread-yields times.",
                "Equivalent: sysbench threads --thread-yields=1000 --thread-locks=8 --threads=1 --time=10 run"})
final class ThreadsCommand extends RunOnlyCommand {
    ThreadsCommand(Streams streams) {
        super("threads", streams);
    }

    @Mixin
    ThreadsOptionsMixin test;

    @Override
    Run bind(RunSettings settings) {
        ThreadsOptions options = test.options();
        return (o, rep) -> ThreadsBenchmark.run(options, settings, o, rep);
    }
}

package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.memory.MemoryBenchmark;
import io.virtbench.memory.MemoryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "memory", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's memory test: each event reads or writes one block, word by word.",
                "Equivalent: sysbench memory --memory-block-size=1K --memory-total-size=100G --memory-oper=write run"})
final class MemoryCommand extends RunOnlyCommand {
    MemoryCommand(Streams streams) {
        super("memory", streams);
    }

    @Mixin
    MemoryOptionsMixin test;

    @Override
    Run bind(RunSettings settings) {
        MemoryOptions options = test.options();
        MemoryBenchmark.check(settings);
        return (o, rep) -> MemoryBenchmark.run(options, settings, o, rep);
    }
}

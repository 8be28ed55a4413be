package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.memory.MemoryBenchmark;
import io.virtbench.memory.MemoryOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "memory", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's memory test: each event reads or writes one block, word by word.",
                "Equivalent: sysbench memory --memory-block-size=1K --memory-total-size=100G --memory-oper=write run"})
final class MemoryCommand implements Callable<Integer> {
    private final Streams streams;

    MemoryCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", defaultValue = "run",
            description = "run; prepare and cleanup exist for sysbench compatibility and do nothing for memory")
    String command;

    @Mixin
    MemoryOptionsMixin test;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunWord.check("memory", command);
        MemoryOptions options = test.options();
        RunSettings settings = run.settings();
        MemoryBenchmark.check(settings);
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> MemoryBenchmark.run(options, settings, o, rep)).exitCode();
    }
}

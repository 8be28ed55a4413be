package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.memory.MemoryBenchmark;
import io.virtbench.memory.MemoryOptions;
import io.virtbench.memory.SysbenchMemory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "sysbench memory run vs virtbench memory, alternately, same options; prints MiB/s (operations/s with --memory-oper=none) and ratios.")
final class CrosscheckMemoryCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckMemoryCommand(Streams streams) {
        this.streams = streams;
    }

    @Mixin
    CrosscheckOptions crosscheck;

    @Mixin
    MemoryOptionsMixin test;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        MemoryOptions options = test.options();
        RunSettings settings = run.settings();
        MemoryBenchmark.check(settings);
        NativeTool.require("sysbench", "sysbench");
        Output o = crosscheck.output(streams);
        Output quiet = CrosscheckCommand.quiet(o);
        Crosscheck.run(MemoryBenchmark.WORKLOAD, "sysbench", MemoryBenchmark.headlineMetric(options), crosscheck.runs,
                pair -> SysbenchMemory.run(options, settings).withRepetition(pair).withHost(o.host()),
                pair -> MemoryBenchmark.run(options, settings, quiet, pair), o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}

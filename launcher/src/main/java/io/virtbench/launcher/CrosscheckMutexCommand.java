package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.mutex.MutexBenchmark;
import io.virtbench.mutex.MutexOptions;
import io.virtbench.mutex.SysbenchMutex;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mutex", mixinStandardHelpOptions = true,
        description = "sysbench mutex run vs virtbench mutex, alternately, same options; prints each thread's time for its locks (average, ms) and ratios.")
final class CrosscheckMutexCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckMutexCommand(Streams streams) {
        this.streams = streams;
    }

    @Mixin
    CrosscheckOptions crosscheck;

    @Mixin
    MutexOptionsMixin test;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        MutexOptions options = test.options();
        RunSettings settings = run.settings();
        NativeTool.require("sysbench", "sysbench");
        Output o = crosscheck.output(streams);
        Output quiet = CrosscheckCommand.quiet(o);
        Crosscheck.run(MutexBenchmark.WORKLOAD, "sysbench", MutexBenchmark.HEADLINE, crosscheck.runs,
                pair -> SysbenchMutex.run(options, settings).withRepetition(pair).withHost(o.host()),
                pair -> MutexBenchmark.run(options, settings, quiet, pair), o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}

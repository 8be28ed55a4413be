package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.threads.SysbenchThreads;
import io.virtbench.threads.ThreadsBenchmark;
import io.virtbench.threads.ThreadsOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "threads", mixinStandardHelpOptions = true,
        description = "sysbench threads run vs virtbench threads, alternately, same options; prints events/s and ratios.")
final class CrosscheckThreadsCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckThreadsCommand(Streams streams) {
        this.streams = streams;
    }

    @Mixin
    CrosscheckOptions crosscheck;

    @Mixin
    ThreadsOptionsMixin test;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        ThreadsOptions options = test.options();
        RunSettings settings = run.settings();
        NativeTool.require("sysbench", "sysbench");
        Output o = crosscheck.output(streams);
        Output quiet = CrosscheckCommand.quiet(o);
        Crosscheck.run(ThreadsBenchmark.WORKLOAD, "sysbench", ThreadsBenchmark.EVENTS_PER_SECOND, crosscheck.runs,
                pair -> SysbenchThreads.run(options, settings).withRepetition(pair).withHost(o.host()),
                pair -> ThreadsBenchmark.run(options, settings, quiet, pair), o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}

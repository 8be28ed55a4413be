package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A sysbench test that only runs (cpu, memory, threads, mutex): sysbench's COMMAND word, the
 * harness's run options, the output options and {@code --repeat}; a subclass adds its test's own
 * options and says how one run goes.
 */
abstract class RunOnlyCommand implements Callable<Integer> {
    /** One run of the test, its options already checked. */
    interface Run {
        RunResult run(Output o, int repetition) throws Exception;
    }

    private final String test;
    private final Streams streams;

    RunOnlyCommand(String test, Streams streams) {
        this.test = test;
        this.streams = streams;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", defaultValue = "run",
            description = "run; prepare and cleanup exist for sysbench compatibility and do nothing for this test")
    String command;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    /** Checks the test's options against the run's settings (a usage error before any work) and binds them. */
    abstract Run bind(RunSettings settings);

    @Override
    public final Integer call() throws Exception {
        RunWord.check(test, command);
        RunSettings settings = run.settings();
        Run one = bind(settings);
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> one.run(o, rep)).exitCode();
    }
}

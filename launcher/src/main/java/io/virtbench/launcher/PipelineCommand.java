package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.pipeline.PipelineBenchmark;
import io.virtbench.pipeline.PipelineOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Pipeline turnover: one CI job (check out, compile with the JDK's compiler API, unit tests, static check)",
                "on a bundled matrix library, timed end to end. Needs a JDK."})
final class PipelineCommand implements Callable<Integer> {
    private final Streams streams;

    PipelineCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--jvm", paramLabel = "fresh|same", defaultValue = "fresh",
            description = "fresh: each job in a new JVM, as a CI runner starts a job; same: inside this JVM")
    String jvm;

    @Option(names = "--dir", paramLabel = "DIR", description = "work directory of the job (default: a new temporary directory, removed afterwards)")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "longest time one job may take")
    double timeout;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PipelineOptions options = new PipelineOptions(PipelineOptions.Jvm.parse(jvm), dir, timeout);
        PipelineBenchmark.requireJdk();
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> PipelineBenchmark.run(options, o, rep)).exitCode();
    }
}

package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every crosscheck shares: how many pairs, and where the results go. */
final class CrosscheckOptions {
    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "number of pairs")
    int runs;

    @Option(names = "--out", paramLabel = "DIR", description = "also write every run's result into DIR")
    Path out;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
    String platform;

    /** The comparison table goes to standard output as text; fails on a bad --runs. */
    Output output(Streams s) {
        CrosscheckCommand.checkRuns(runs);
        return new Output(OutputFormat.TEXT, s.out(), s.err(), out, platform, s.stop());
    }
}

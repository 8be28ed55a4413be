package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go and how often to measure. */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "output format: text (the native tool's layout), json or csv")
    String format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "also write each run's result as a JSON file into DIR")
    Path out;

    @Option(names = "--platform", paramLabel = "LABEL",
            description = "platform label recorded with every result (metal, kvm, firecracker, docker, gvisor, ...)")
    String platform;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run N times, then print mean, stddev, min, median, max and 95%% CI per metric")
    int repeat;

    /** The output of a command run with these options. */
    Output open(Streams s) {
        OutputFormat f = OutputFormat.parse(format);
        return new Output(f, s.out(), s.err(), out, platform, s.stop());
    }
}

package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.fileio.FileioCrosscheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "fileio", mixinStandardHelpOptions = true,
        description = {"Prepares the files once, then runs sysbench fileio and virtbench fileio alternately",
                "on the same files with the same options; prints the MiB/s of both, the ratio per pair",
                "and the median ratio. Removes the files at the end unless --keep-files."})
final class CrosscheckFileioCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckFileioCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "number of pairs")
    int runs;

    @Option(names = "--keep-files", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "off",
            converter = Converters.OnOff.class, showDefaultValue = Visibility.ALWAYS,
            description = "keep the test files at the end instead of removing them")
    boolean keepFiles;

    @Mixin
    FileioOptionsMixin file;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "also write every run's result into DIR")
    Path out;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
    String platform;

    @Override
    public Integer call() throws Exception {
        CrosscheckCommand.checkRuns(runs);
        var options = file.options(true);
        var settings = run.settings();
        Output o = new Output(OutputFormat.TEXT, streams.out(), streams.err(), out, platform, streams.stop());
        return FileioCrosscheck.run(options, settings, runs, keepFiles, o);
    }
}

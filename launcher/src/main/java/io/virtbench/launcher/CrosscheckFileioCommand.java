package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.fileio.FileioCrosscheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
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

    @Mixin
    CrosscheckOptions crosscheck;

    @Option(names = "--keep-files", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "off",
            converter = Converters.OnOff.class, showDefaultValue = Visibility.ALWAYS,
            description = "keep the test files at the end instead of removing them")
    boolean keepFiles;

    @Mixin
    FileioOptionsMixin file;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        var options = file.options(true);
        var settings = run.settings();
        Output o = crosscheck.output(streams);
        return FileioCrosscheck.run(options, settings, crosscheck.runs, keepFiles, o);
    }
}

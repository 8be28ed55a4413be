package io.virtbench.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "http", mixinStandardHelpOptions = true,
        description = {"HTTP workload: an ApacheBench 2.3 compatible client and a target server to run in a guest."},
        subcommands = {HttpBenchCommand.class, HttpServeCommand.class})
final class HttpCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "which command? (bench or serve)");
    }
}

package io.virtbench.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "net", mixinStandardHelpOptions = true,
        description = {"iperf3-compatible network test over Netty: TCP bandwidth, UDP jitter and loss.",
                "Talks iperf3's protocol: its client measures against 'iperf3 -s', 'iperf3 -c' measures against its server."},
        subcommands = {NetClientCommand.class, NetServerCommand.class, NetLatencyCommand.class, NetLatencyServerCommand.class})
final class NetCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "client HOST, server, latency -i IP or latency-server? (see 'virtbench net --help')");
    }
}

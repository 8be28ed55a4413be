package io.virtbench.launcher;

import io.virtbench.boot.Beacon;
import io.virtbench.core.UserException;
import io.virtbench.core.output.Repetitions;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "beacon", mixinStandardHelpOptions = true,
        description = {"Tell 'virtbench boot --ready beacon:PORT' on HOST that this guest's user space is up: sends a UDP "
                + "datagram every --interval until acknowledged.",
                "Without Java: echo virtbench-beacon > /dev/udp/HOST/PORT"})
final class BeaconCommand implements Callable<Integer> {
    private final Streams streams;

    BeaconCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(paramLabel = "HOST:PORT", description = "where virtbench boot waits")
    String address;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "give up after this long")
    double timeout;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "0.1", description = "resend period")
    double interval;

    @Override
    public Integer call() {
        Beacon.Address a = Beacon.Address.parse(address, "HOST:PORT");
        Beacon.Sent s = Beacon.send(a.host(), a.port(), timeout, interval, streams.stop()::requested);
        if (!s.acknowledged() && streams.stop().requested()) {
            return Repetitions.EXIT_INTERRUPTED;
        }
        if (!s.acknowledged()) {
            throw new UserException("no acknowledgement from " + address + " within " + timeout + " s ("
                    + s.datagrams() + " datagram(s) sent)");
        }
        streams.out().printf(Locale.ROOT, "beacon acknowledged by %s after %.3f s (%d datagram(s))%n", address, s.seconds(),
                s.datagrams());
        return 0;
    }
}

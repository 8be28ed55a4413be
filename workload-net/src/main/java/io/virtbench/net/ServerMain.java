package io.virtbench.net;

import io.virtbench.core.UserException;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;

/**
 * A bare entry point for a virtbench server in its own JVM, as the crosscheck runs it (so that
 * virtbench's client and server, like iperf3's, are two processes):
 * {@code java -cp virtbench.jar io.virtbench.net.ServerMain -p PORT -B ADDRESS [-1] [--no-warmup]}.
 * Users run {@code virtbench net server}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions o = ServerOptions.defaults();
        boolean warmup = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-p" -> o = o.withPort(Integer.parseInt(args[++i]));
                    case "-B" -> o = o.withBind(args[++i]);
                    case "-1" -> o = o.withOneOff(true);
                    case "--no-warmup" -> warmup = false;
                    default -> throw UserException.usage("unknown option " + args[i]);
                }
            }
            IperfServer s = warmup ? IperfServer.startWarmingUp(o, System.out, System.err, Warmup::ensure)
                    : IperfServer.start(o, System.out, System.err);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            s.awaitTermination();
            s.close();
        } catch (UserException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            System.err.println("virtbench: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }
}

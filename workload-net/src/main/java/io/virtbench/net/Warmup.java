package io.virtbench.net;

import io.virtbench.core.harness.StopSignal;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A fresh JVM interprets its code until the JIT compiler has seen it run thousands of times.
 * For a network test that is not negligible: at iperf3's default 1 Mbit/s a UDP test carries
 * fewer than a thousand datagrams, so every arrival would be time-stamped by interpreted code,
 * whose variable delay shows as jitter that the network does not have; at 1 Gbit/s the slow
 * first seconds lose datagrams. So before its first test a virtbench process runs short tests
 * over its own loopback (a server and a client inside this JVM, nothing on the network under
 * test): UDP both ways, TCP both ways, with small blocks so the hot paths run often. Then it
 * collects the garbage that start-up left. About a second, once per process; {@code --no-warmup}
 * skips it.
 */
public final class Warmup {
    private static boolean done;

    private Warmup() {
    }

    public static synchronized void ensure() {
        if (done) {
            return;
        }
        done = true;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        try (IperfServer s = IperfServer.start(ServerOptions.defaults().withPort(0).withBind("127.0.0.1")
                .withCtrlTimeoutMs(5000), none, none)) {
            for (boolean udp : new boolean[] {true, false}) {
                for (boolean reverse : new boolean[] {false, true}) {
                    ClientOptions o = new ClientOptions("127.0.0.1", s.port(), null, udp, 0, udp ? 8L << 20 : 128L << 20, 0,
                            udp ? 2_000_000_000L : -1, 0, udp ? 1024 : 0, 1, reverse, false, 0, 0, false, false, 0, false, null,
                            null, false, false, Iperf3.DEFAULT_PACING_TIMER_US, 'a', 0);
                    long t0 = System.nanoTime();
                    StopSignal stop = new StopSignal();
                    Thread limit = new Thread(() -> {
                        try {
                            Thread.sleep(10_000);
                            stop.request(); // a warm-up never holds up the real test for long
                        } catch (InterruptedException e) {
                            // finished in time
                        }
                    }, "virtbench-warmup-limit");
                    limit.setDaemon(true);
                    limit.start();
                    IperfClient.run(o, none, none, stop);
                    limit.interrupt();
                    if (System.getProperty("virtbench.warmup.debug") != null) {
                        System.err.printf("warm-up %s%s: %.0f ms%n", udp ? "udp" : "tcp", reverse ? " -R" : "", (System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        } catch (RuntimeException e) {
            // a warm-up that cannot run (no loopback?) only costs accuracy, never the test
        }
        System.gc();
    }
}

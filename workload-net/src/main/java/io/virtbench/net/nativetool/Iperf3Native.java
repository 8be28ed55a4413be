package io.virtbench.net.nativetool;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.protocol.Iperf3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The native side of the network workload: the iperf3 command equivalent to virtbench's client
 * options, running native iperf3 as client ({@code -J}, read with {@link Iperf3Json}) and as
 * server (for the crosscheck and the interoperability tests).
 */
public final class Iperf3Native {
    private Iperf3Native() {
    }

    /** The iperf3 client command for the same test ({@code json} adds -J). */
    public static List<String> clientCommand(ClientOptions o, boolean json) {
        List<String> c = new ArrayList<>();
        c.add("iperf3");
        c.add("-c");
        c.add(o.host());
        if (o.port() != Iperf3.DEFAULT_PORT) {
            c.add("-p");
            c.add(Integer.toString(o.port()));
        }
        if (o.bind() != null) {
            c.add("-B");
            c.add(o.bind());
        }
        if (o.udp()) {
            c.add("-u");
        }
        if (o.bytes() != 0) {
            c.add("-n");
            c.add(Long.toString(o.bytes()));
        } else if (o.blocks() != 0) {
            c.add("-k");
            c.add(Long.toString(o.blocks()));
        } else if (o.time() != Iperf3.DEFAULT_DURATION) {
            c.add("-t");
            c.add(Integer.toString(o.time()));
        }
        if (o.bitrate() >= 0) {
            c.add("-b");
            c.add(o.bitrate() + (o.burst() != 0 ? "/" + o.burst() : ""));
        }
        streamOptions(c, o);
        otherOptions(c, o);
        if (o.getServerOutput()) {
            c.add("--get-server-output");
        }
        if (json || o.json()) {
            c.add("-J");
        }
        return c;
    }

    /** -l, -P, -R, --bidir, -i, -O where they differ from iperf3's defaults. */
    private static void streamOptions(List<String> c, ClientOptions o) {
        if (o.length() != 0) {
            c.add("-l");
            c.add(Integer.toString(o.length()));
        }
        if (o.parallel() != 1) {
            c.add("-P");
            c.add(Integer.toString(o.parallel()));
        }
        if (o.reverse()) {
            c.add("-R");
        }
        if (o.bidir()) {
            c.add("--bidir");
        }
        if (o.interval() != 1.0) {
            c.add("-i");
            c.add(num(o.interval()));
        }
        if (o.omit() != 0) {
            c.add("-O");
            c.add(Integer.toString(o.omit()));
        }
    }

    /** Socket options, titles, payload and pacing details, and the report's unit where given. */
    private static void otherOptions(List<String> c, ClientOptions o) {
        if (o.window() != 0) {
            c.add("-w");
            c.add(Integer.toString(o.window()));
        }
        if (o.noDelay()) {
            c.add("-N");
        }
        if (o.title() != null) {
            c.add("-T");
            c.add(o.title());
        }
        if (o.extraData() != null) {
            c.add("--extra-data");
            c.add(o.extraData());
        }
        if (o.udpCounters64bit()) {
            c.add("--udp-counters-64bit");
        }
        if (o.repeatingPayload()) {
            c.add("--repeating-payload");
        }
        if (o.pacingTimerUs() != Iperf3.DEFAULT_PACING_TIMER_US) {
            c.add("--pacing-timer");
            c.add(Integer.toString(o.pacingTimerUs()));
        }
        if (o.unitFormat() != 'a') {
            c.add("-f");
            c.add(String.valueOf(o.unitFormat()));
        }
    }

    public static String commandLine(ClientOptions o) {
        return NativeTool.commandLine(clientCommand(o, false));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Runs native {@code iperf3 -c ... -J} and reads its result. */
    public static RunResult runClient(ClientOptions o) {
        NativeTool.require("iperf3", "iperf3");
        long limit = (o.effectiveTime() == 0 ? 600 : o.time()) + o.omit() + 60L;
        NativeTool.Result r = NativeTool.run(clientCommand(o, true), null, Duration.ofSeconds(limit));
        String text = r.stdout().isBlank() ? r.stderr() : r.stdout();
        RunResult res;
        try {
            res = Iperf3Json.parse("iperf3", text).get(0);
        } catch (NativeParseException e) {
            throw new UserException("iperf3 failed: " + r.firstErrorLine());
        }
        return res.toBuilder().nativeCommand(NativeTool.commandLine(clientCommand(o, false))).build();
    }

    /** A free TCP port on the loopback (the crosscheck's servers listen on 127.0.0.1 only). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running native {@code iperf3 -s}; close() stops it. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final StringBuilder output = new StringBuilder();
        private final CountDownLatch listening = new CountDownLatch(1);
        private final int port;
        private final Thread reader;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
            reader = new Thread(this::read, "iperf3-server-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("Server listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                listening.countDown();
            }
        }

        public int port() {
            return port;
        }

        public String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        /**
         * Waits for a one-off server to finish its test and for its output to be read to the end
         * (the process can end before the reader has taken its last lines); false if it did not
         * end within the time.
         */
        public boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
            Deadline deadline = Deadline.inNanos(unit.toNanos(timeout));
            if (!process.waitFor(timeout, unit)) {
                return false;
            }
            reader.join(Math.max(1, deadline.remainingMillis()));
            return true;
        }

        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            NativeTool.stop(process, Duration.ofSeconds(5));
        }
    }

    /**
     * Starts {@code iperf3 -s -p PORT [-B bind] [-1] --forceflush [extra...]} and waits until it
     * says it listens (iperf3 must not be probed with a connection: it would take it for a test).
     */
    public static Server startServer(int port, String bind, boolean oneOff, List<String> extra) {
        NativeTool.require("iperf3", "iperf3");
        List<String> c = new ArrayList<>(List.of("iperf3", "-s", "-p", Integer.toString(port), "--forceflush"));
        if (bind != null) {
            c.add("-B");
            c.add(bind);
        }
        if (oneOff) {
            c.add("-1");
        }
        c.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UserException("cannot start iperf3: " + e.getMessage());
        }
        Server s = new Server(p, port);
        try {
            if (!s.listening.await(10, TimeUnit.SECONDS) || !p.isAlive()) {
                String out = s.output();
                s.close();
                throw new UserException("iperf3 -s did not start: " + (out.isBlank() ? "no output" : out.strip().lines().reduce((a, b) -> b).orElse("")));
            }
        } catch (InterruptedException e) {
            s.close();
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while starting iperf3 -s");
        }
        return s;
    }
}

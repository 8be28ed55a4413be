package io.virtbench.net.latency;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code virtbench crosscheck latency}: sockperf ping-pong and virtbench's client alternately,
 * with the same options, against one {@code sockperf server} on the loopback; compares the
 * median (p50) latency and the round trips per second.
 */
public final class LatencyCrosscheck {
    private static final String LOOPBACK = "127.0.0.1";
    private static final long READY_TIMEOUT_MS = 5000;

    private LatencyCrosscheck() {
    }

    /** Runs {@code runs} pairs; {@code o}'s ip and port are replaced by the server's. */
    public static List<Crosscheck.Report> run(LatencyOptions o, int runs, Output out) throws Exception {
        if (o.time() != Math.rint(o.time())) {
            throw UserException.usage("invalid value for -t/--time: " + o.time() + " (sockperf takes whole seconds)");
        }
        NativeTool.require("sockperf", "sockperf");
        int port = freePort();
        LatencyOptions opt = new LatencyOptions(LOOPBACK, port, o.tcp(), o.time(), o.msgSize(), o.mps(), o.fullRtt(),
                o.warmupTime());
        List<String> command = new ArrayList<>(List.of("sockperf", "server", "-i", LOOPBACK, "-p", Integer.toString(port)));
        if (o.tcp()) {
            command.add("--tcp");
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitReady(opt, server);
            Output quiet = new Output(OutputFormat.JSON, new PrintStream(OutputStream.nullOutputStream()), out.err(), null,
                    out.platform(), out.stop());
            Crosscheck.Report latency = Crosscheck.run(LatencyMetrics.WORKLOAD, "sockperf", LatencyMetrics.p50(o.fullRtt()),
                    runs, pair -> sockperf(opt, pair), pair -> PingPong.run(opt, quiet, pair), out);
            Crosscheck.Report rate = again(latency, LatencyMetrics.ROUND_TRIPS_PER_SECOND);
            Crosscheck.print(rate, out.out());
            return List.of(latency, rate);
        } finally {
            NativeTool.stop(server, Duration.ofSeconds(2));
        }
    }

    /** The same pairs compared on another metric. */
    static Crosscheck.Report again(Crosscheck.Report r, String metric) {
        List<Crosscheck.Pair> pairs = new ArrayList<>();
        for (Crosscheck.Pair p : r.pairs()) {
            double n = p.nativeResult().value(metric);
            pairs.add(new Crosscheck.Pair(p.index(), p.nativeFirst(), p.nativeResult(), p.virtbenchResult(),
                    n == 0 ? Double.NaN : p.virtbenchResult().value(metric) / n));
        }
        var shape = r.pairs().get(0).virtbenchResult().metric(metric).orElseThrow();
        return new Crosscheck.Report(r.workload(), r.nativeTool(), metric, shape.unit(), shape.direction(), List.copyOf(pairs),
                Crosscheck.median(pairs.stream().mapToDouble(Crosscheck.Pair::ratio).toArray()));
    }

    /** One {@code sockperf ping-pong} run, read by the importer's parser. */
    static RunResult sockperf(LatencyOptions o, int pair) {
        List<String> cmd = o.sockperfCommand();
        // sockperf sleeps 2 s after connecting, before it starts measuring
        NativeTool.Result r = NativeTool.run(cmd, null, Duration.ofSeconds((long) o.time() + 30));
        if (r.exitCode() != 0) {
            throw new UserException("sockperf ping-pong failed: " + r.firstErrorLine());
        }
        try {
            RunResult res = new SockperfOutput().parse("sockperf", r.stdout() + "\n" + r.stderr()).get(0);
            return res.toBuilder().repetition(pair).parameter("ip", o.ip()).parameter("port", o.port())
                    .parameter("time", o.time()).parameter("msg-size", o.msgSize())
                    .parameter("mps", o.mps() == 0 ? "max" : LatencyOptions.number(o.mps()))
                    .nativeCommand(NativeTool.commandLine(cmd)).build();
        } catch (NativeParseException e) {
            throw new UserException("cannot read sockperf's output: " + e.getMessage() + " (" + r.firstErrorLine() + ")");
        }
    }

    /** Waits until the server answers a pong request (UDP) or takes a connection (TCP). */
    static void awaitReady(LatencyOptions o, Process server) throws IOException, InterruptedException {
        Deadline deadline = Deadline.inMillis(READY_TIMEOUT_MS);
        while (!deadline.passed()) {
            if (server != null && !server.isAlive()) {
                throw new UserException("sockperf server ended at once (exit status " + server.exitValue() + ")");
            }
            if (answers(o)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new UserException("the server on " + o.ip() + " port " + o.port() + " did not answer within "
                + READY_TIMEOUT_MS + " ms");
    }

    private static boolean answers(LatencyOptions o) throws IOException {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(o.ip()), o.port());
        if (o.tcp()) {
            try (Socket s = new Socket()) {
                s.connect(to, 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        byte[] msg = new byte[Sockperf.HEADER];
        Sockperf.putRequest(ByteBuffer.wrap(msg), 0, msg.length);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200);
            s.send(new DatagramPacket(msg, msg.length, to));
            s.receive(new DatagramPacket(new byte[Sockperf.MAX_UDP], Sockperf.MAX_UDP));
            return true;
        } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
            return false;
        }
    }

    /** A port free for TCP and UDP on the loopback just now (sockperf needs a number). */
    static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (LatencyServer probe = LatencyServer.start(LOOPBACK, 0)) {
                return probe.port();
            } catch (UserException e) {
                // both protocols could not have that port: try another
            }
        }
        throw new UserException("no free port on " + LOOPBACK);
    }
}

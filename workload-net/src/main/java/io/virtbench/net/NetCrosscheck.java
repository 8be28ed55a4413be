package io.virtbench.net;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.nativetool.Iperf3Native;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code virtbench crosscheck net}: on the loopback, with identical options, native iperf3
 * (client and server), virtbench (client and server), and the two mixed pairs (virtbench client
 * against iperf3 -s, iperf3 -c against virtbench's server), in an order that alternates from pair
 * to pair; prints every figure and the ratios to native iperf3.
 */
public final class NetCrosscheck {

    /** Who runs the client and who the server. */
    public enum Combo {
        NATIVE_NATIVE("iperf3", "iperf3"),
        VIRTBENCH_VIRTBENCH("virtbench", "virtbench"),
        VIRTBENCH_NATIVE("virtbench", "iperf3"),
        NATIVE_VIRTBENCH("iperf3", "virtbench");

        final String client;
        final String server;

        Combo(String client, String server) {
            this.client = client;
            this.server = server;
        }

        public String label() {
            return client + " -> " + server;
        }
    }

    /** One test of one pair. */
    public record Run(int pair, Combo combo, RunResult result) {
    }

    /** All runs and the medians per combination and metric. */
    public record Report(List<Run> runs, List<String> metrics, Map<Combo, Map<String, Double>> medians) {
        public double median(Combo c, String metric) {
            Double v = medians.getOrDefault(c, Map.of()).get(metric);
            return v == null ? Double.NaN : v;
        }
    }

    /** Whether virtbench's clients and servers warm up (see {@link Warmup}). */
    private static volatile boolean warmingUp = true;

    private NetCrosscheck() {
    }

    /** The figures compared: throughput both ways, and for UDP jitter and loss. */
    static List<String> metrics(ClientOptions o) {
        List<String> m = new ArrayList<>();
        m.add(Iperf3Json.SUM_SENT_MBPS);
        m.add(Iperf3Json.SUM_RECEIVED_MBPS);
        if (o.udp()) {
            m.add(Iperf3Json.JITTER_MS);
            m.add(Iperf3Json.LOST_PERCENT);
        }
        return m;
    }

    /**
     * Runs {@code runs} pairs. With {@code warmup}, this JVM (which runs virtbench's clients) and
     * every virtbench server process warm up first (see {@link Warmup}).
     */
    public static Report run(ClientOptions base, int runs, Output o, boolean warmup) throws Exception {
        Limits.count("--runs", runs, Limits.MAX_RUNS);
        NativeTool.require("iperf3", "iperf3");
        if (warmup) {
            Warmup.ensure();
        }
        warmingUp = warmup;
        PrintStream out = o.out();
        List<String> metrics = metrics(base);
        List<Run> all = new ArrayList<>();
        out.printf(Locale.ROOT, "crosscheck net: %s, loopback, %s%n", base.udp() ? "UDP" : "TCP",
                NativeTool.commandLine(Iperf3Native.clientCommand(base.withHost("127.0.0.1"), false)));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s  %-24s", "pair", "client -> server"));
        for (String m : metrics) {
            head.append(String.format(Locale.ROOT, " %28s", m));
        }
        out.println(head);
        for (int pair = 1; pair <= runs && !o.stop().requested(); pair++) {
            Combo[] order = pair % 2 == 1
                    ? new Combo[] {Combo.NATIVE_NATIVE, Combo.VIRTBENCH_VIRTBENCH, Combo.VIRTBENCH_NATIVE, Combo.NATIVE_VIRTBENCH}
                    : new Combo[] {Combo.VIRTBENCH_VIRTBENCH, Combo.NATIVE_NATIVE, Combo.NATIVE_VIRTBENCH, Combo.VIRTBENCH_NATIVE};
            o.err().printf("virtbench: crosscheck pair %d of %d%n", pair, runs);
            for (Combo c : order) {
                if (o.stop().requested()) {
                    break;
                }
                RunResult r = once(base, c, pair, o);
                all.add(new Run(pair, c, r));
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d  %-24s", pair, c.label()));
                for (String m : metrics) {
                    line.append(String.format(Locale.ROOT, " %28.3f", r.metric(m).map(x -> x.value()).orElse(Double.NaN)));
                }
                out.println(line);
                out.flush();
                if (o.outDir() != null) {
                    ResultFiles.write(o.outDir(), r.toBuilder().detail("crosscheck", c.label()).host(o.host()).build()
                            .withOwnFootprint());
                }
            }
        }
        if (all.isEmpty()) {
            throw new UserException("crosscheck stopped before the first test finished");
        }
        Map<Combo, Map<String, Double>> medians = new LinkedHashMap<>();
        for (Combo c : Combo.values()) {
            Map<String, Double> mm = new LinkedHashMap<>();
            for (String m : metrics) {
                double[] v = all.stream().filter(x -> x.combo() == c).map(x -> x.result().metric(m))
                        .filter(java.util.Optional::isPresent).mapToDouble(x -> x.get().value()).toArray();
                if (v.length > 0) {
                    mm.put(m, Crosscheck.median(v));
                }
            }
            medians.put(c, mm);
        }
        Report rep = new Report(List.copyOf(all), metrics, medians);
        print(rep, out);
        return rep;
    }

    static void print(Report r, PrintStream out) {
        out.println();
        out.println("medians, and ratio to iperf3 -> iperf3:");
        for (Combo c : Combo.values()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "      %-24s", c.label()));
            for (String m : r.metrics()) {
                double v = r.median(c, m);
                double n = r.median(Combo.NATIVE_NATIVE, m);
                String ratio = c == Combo.NATIVE_NATIVE || n == 0 || Double.isNaN(n) ? "" : String.format(Locale.ROOT, " (%.3f)", v / n);
                line.append(String.format(Locale.ROOT, " %20.3f%-8s", v, ratio));
            }
            out.println(line);
        }
    }

    /** One test of one combination on a fresh loopback server. */
    static RunResult once(ClientOptions base, Combo c, int pair, Output o) throws Exception {
        ClientOptions client;
        RunResult r;
        if (c.client.equals("virtbench") && warmingUp) {
            Warmup.beforeTest(); // this JVM's clients follow one another
        }
        if (c.server.equals("iperf3")) {
            int port = Iperf3Native.freePort();
            client = base.withHost("127.0.0.1").withPort(port).withJson(false);
            try (Iperf3Native.Server s = Iperf3Native.startServer(port, "127.0.0.1", true, List.of())) {
                r = runClient(c, client, o);
                s.awaitExit(10, TimeUnit.SECONDS);
            }
        } else {
            try (JavaServerProcess s = JavaServerProcess.start()) {
                client = base.withHost("127.0.0.1").withPort(s.port()).withJson(false);
                r = runClient(c, client, o);
                s.awaitExit(10, TimeUnit.SECONDS);
            }
        }
        return r.withRepetition(pair);
    }

    /**
     * virtbench's server in its own JVM (the same java and class path as this one), one-off, on a
     * free loopback port it reports in its banner: client and server are two processes, as with iperf3.
     */
    static final class JavaServerProcess implements AutoCloseable {
        private final Process process;
        private final int port;
        private final StringBuilder output = new StringBuilder();

        private JavaServerProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static JavaServerProcess start() {
            String javaCmd = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(javaCmd, "-cp", System.getProperty("java.class.path"),
                    ServerMain.class.getName(), "-p", "0", "-B", "127.0.0.1", "-1"));
            if (!warmingUp) {
                cmd.add("--no-warmup");
            }
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new UserException("cannot start virtbench's server process: " + e.getMessage());
            }
            BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher m = Pattern.compile("^Server listening on (\\d+) ").matcher(line);
                    if (m.find()) {
                        JavaServerProcess s = new JavaServerProcess(p, Integer.parseInt(m.group(1)));
                        Thread drain = new Thread(() -> s.drain(r), "virtbench-server-output");
                        drain.setDaemon(true);
                        drain.start();
                        return s;
                    }
                }
            } catch (IOException e) {
                // fall through
            }
            p.destroyForcibly();
            throw new UserException("virtbench's server process did not start: " + seen.toString().strip());
        }

        private void drain(BufferedReader r) {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // ended
            }
        }

        int port() {
            return port;
        }

        boolean awaitExit(long t, TimeUnit unit) throws InterruptedException {
            return process.waitFor(t, unit);
        }

        @Override
        public void close() {
            NativeTool.stop(process, Duration.ofSeconds(5));
        }
    }

    private static RunResult runClient(Combo c, ClientOptions client, Output o) {
        if (c.client.equals("iperf3")) {
            return Iperf3Native.runClient(client);
        }
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output quiet = new Output(OutputFormat.JSON, none, none, null, o.platform(), o.stop() == null ? StopSignal.never() : o.stop());
        quiet.host(o.host());
        return NetBenchmark.run(client, quiet, 1);
    }
}

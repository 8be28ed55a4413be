package io.virtbench.net;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    public static Report run(ClientOptions base, int runs, Output o) throws Exception {
        if (runs < 1) {
            throw UserException.usage("invalid value for --runs: " + runs + " (must be >= 1)");
        }
        NativeTool.require("iperf3", "iperf3");
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
                    ResultFiles.write(o.outDir(), r.toBuilder().detail("crosscheck", c.label()).host(o.host()).build());
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
        if (c.server.equals("iperf3")) {
            int port = Iperf3Native.freePort();
            client = base.withHost("127.0.0.1").withPort(port).withJson(false);
            try (Iperf3Native.Server s = Iperf3Native.startServer(port, "127.0.0.1", true, List.of())) {
                r = runClient(c, client, o);
                s.awaitExit(10, TimeUnit.SECONDS);
            }
        } else {
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            ServerOptions so = ServerOptions.defaults().withPort(0).withBind("127.0.0.1").withOneOff(true);
            try (IperfServer s = IperfServer.start(so, none, o.err())) {
                client = base.withHost("127.0.0.1").withPort(s.port()).withJson(false);
                r = runClient(c, client, o);
                s.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
        return r.withRepetition(pair);
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

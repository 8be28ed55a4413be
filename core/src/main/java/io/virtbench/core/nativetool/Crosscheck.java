package io.virtbench.core.nativetool;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.Direction;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the native tool and virtbench alternately with identical options and compares one
 * metric: each pair's two figures, their ratio (virtbench / native), and the median ratio.
 * The order alternates (native first in odd pairs, virtbench first in even pairs) so that a
 * drift in the machine's speed does not favour either side.
 */
public final class Crosscheck {

    /** One side of a pair. */
    @FunctionalInterface
    public interface Side {
        RunResult run(int pair) throws Exception;
    }

    public record Pair(int index, boolean nativeFirst, RunResult nativeResult, RunResult virtbenchResult, double ratio) {
    }

    public record Report(String workload, String nativeTool, String metric, String unit, Direction direction,
                         List<Pair> pairs, double medianRatio) {
    }

    private Crosscheck() {
    }

    public static Report run(String workload, String nativeTool, String metric, int runs, Side nativeSide,
                             Side virtbenchSide, Output o) throws Exception {
        Limits.count("--runs", runs, Limits.MAX_RUNS);
        PrintStream out = o.out();
        List<Pair> pairs = new ArrayList<>();
        Metric shape = null;
        for (int i = 1; i <= runs && !o.stop().requested(); i++) {
            boolean nativeFirst = i % 2 == 1;
            o.err().printf("virtbench: crosscheck pair %d of %d (%s first)%n", i, runs, nativeFirst ? nativeTool : "virtbench");
            RunResult n;
            RunResult v;
            if (nativeFirst) {
                n = nativeSide.run(i);
                v = o.stop().requested() ? null : virtbenchSide.run(i);
            } else {
                v = virtbenchSide.run(i);
                n = o.stop().requested() ? null : nativeSide.run(i);
            }
            if (n == null || v == null) {
                break;
            }
            Metric nm = n.metric(metric).orElseThrow(() -> new UserException(nativeTool + " output has no " + metric));
            Metric vm = v.metric(metric).orElseThrow(() -> new UserException("virtbench result has no " + metric));
            shape = vm;
            double ratio = nm.value() == 0 ? Double.NaN : vm.value() / nm.value();
            pairs.add(new Pair(i, nativeFirst, n, v, ratio));
            if (o.outDir() != null) {
                ResultFiles.write(o.outDir(), n.host() == null ? n.withHost(o.host()) : n);
                ResultFiles.write(o.outDir(), (v.host() == null ? v.withHost(o.host()) : v).withOwnFootprint());
            }
        }
        if (pairs.isEmpty()) {
            throw new UserException("crosscheck stopped before the first pair finished");
        }
        double median = median(pairs.stream().mapToDouble(Pair::ratio).toArray());
        Report r = new Report(workload, nativeTool, metric, shape.unit(), shape.direction(), List.copyOf(pairs), median);
        print(r, out);
        return r;
    }

    public static void print(Report r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "crosscheck %s: %s vs virtbench, %s (%s%s)%n", r.workload(), r.nativeTool(), r.metric(),
                r.unit(), r.direction() == Direction.HIGHER_IS_BETTER ? ", higher is better"
                        : r.direction() == Direction.LOWER_IS_BETTER ? ", lower is better" : "");
        out.printf(Locale.ROOT, "%4s  %-10s %14s %14s %8s%n", "pair", "first", r.nativeTool(), "virtbench", "ratio");
        for (Pair p : r.pairs()) {
            out.printf(Locale.ROOT, "%4d  %-10s %14.2f %14.2f %8.3f%n", p.index(), p.nativeFirst() ? r.nativeTool() : "virtbench",
                    p.nativeResult().value(r.metric()), p.virtbenchResult().value(r.metric()), p.ratio());
        }
        out.printf(Locale.ROOT, "median ratio virtbench/%s: %.3f over %d pair(s)%n", r.nativeTool(), r.medianRatio(),
                r.pairs().size());
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

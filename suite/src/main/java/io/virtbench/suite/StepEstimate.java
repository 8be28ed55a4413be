package io.virtbench.suite;

import java.util.List;
import java.util.Locale;

/**
 * How long a step will take, read from its command line, for the suite's progress lines and the
 * time limits of guests. An estimate only: the step itself validates its options.
 */
public final class StepEstimate {
    private StepEstimate() {
    }

    /** The operations `virtbench micro` runs without --op (workload-micro's MicroOp; this module does not depend on it). */
    static final int MICRO_OPS = 10;

    /** Seconds a step will take, from its --time/-t, --warmup-time, --repeat, --sweep and --runs (and micro's --op). */
    public static double estimateSeconds(List<String> args) {
        double time = 0;
        double warmup = 0;
        int repeat = 1;
        int levels = 1;
        int runs = 1;
        double pause = 5;
        boolean timed = false;
        boolean crosscheck = !args.isEmpty() && args.get(0).equals("crosscheck");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.get(i + 1) : "";
            try {
                switch (name) {
                    case "--time", "-t" -> {
                        time = Double.parseDouble(value);
                        timed = true;
                    }
                    case "--warmup-time" -> warmup = Double.parseDouble(value);
                    case "--repeat" -> repeat = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--sweep" -> levels = value.split(",").length;
                    case "--sweep-pause" -> pause = Double.parseDouble(value);
                    default -> {
                    }
                }
            } catch (NumberFormatException e) {
                // not a number: the command itself will say so
            }
        }
        if (!timed) {
            time = args.contains("run") || args.contains("bench") ? 10 : 3;
        }
        double one = levels * (time + warmup) + (levels - 1) * pause;
        return repeat * one * (crosscheck ? 2 * runs : 1) * microOps(args) + 2;
    }

    /** micro runs each of its operations for the whole --time: how many it runs (1 for other commands). */
    private static int microOps(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("micro")) {
            return 1;
        }
        int at = args.indexOf("--op");
        String ops = at >= 0 && at + 1 < args.size() ? args.get(at + 1)
                : args.stream().filter(a -> a.startsWith("--op=")).map(a -> a.substring(5)).findFirst().orElse(null);
        return ops == null ? MICRO_OPS : ops.split(",").length;
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}

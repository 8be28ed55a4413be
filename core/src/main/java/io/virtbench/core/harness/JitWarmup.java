package io.virtbench.core.harness;

import io.virtbench.core.clock.MonotonicClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The one JIT warm-up of every workload. A user starts a fresh JVM for each measurement, as the
 * study and the native tools do; without a warm-up the first seconds of such a run measure the
 * interpreter and the compiler threads, not the platform. So before measuring, a workload's hot
 * path runs untimed until HotSpot's compilers have gone quiet ({@link JitActivity}): at least
 * {@link #MIN_SECONDS}, then until no compiler work for {@link #QUIET_SECONDS}, and never more than
 * {@link #MAX_SECONDS}. Nothing of it is measured; it is reported as its own line and in the
 * result ({@link Summary}), with what it touched.
 *
 * <p>Each workload feeds it a plan of its own; all end by the same measure of the compilers'
 * work ({@link JitActivity}) and the same bounds. The harness runs it over its own worker
 * threads ({@link Workload#createWarmupWorker}, ended by {@link Quiet}); a workload with a loop
 * of its own passes untimed rounds: a fixed list of loopback tests to {@link #plan} (net),
 * bursts of requests to {@link #bursts} (http).
 */
public final class JitWarmup {
    /** Shortest warm-up: long enough for the first C2 compilations of a hot loop to be queued. */
    public static final double MIN_SECONDS = 0.5;
    /** How long the compilers must have done nothing before the warm-up ends. */
    public static final double QUIET_SECONDS = 0.3;
    /** Longest warm-up: a workload whose compilers never go quiet is measured anyway, and says so. */
    public static final double MAX_SECONDS = 10;

    private JitWarmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param seconds how long it ran, untimed
     * @param events  how many untimed events (or rounds) it ran
     * @param quiet   whether the compilers went quiet; false when {@link #MAX_SECONDS} ended it,
     *                when the compilers' work cannot be read, or when a stop request did
     * @param touched what outside the JVM it used, for the reader of the result
     */
    public record Summary(double seconds, long events, boolean quiet, String touched) {

        /** The result's {@code details.jit_warmup}. */
        public Map<String, Object> asDetail() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", seconds);
            m.put("events", events);
            m.put("compilers_quiet", quiet);
            m.put("touched", touched);
            return m;
        }

        /** The report's line, e.g. "JIT warm-up: 1.23 s untimed, 4567 events, compilers quiet (touched: nothing)". */
        public String line() {
            return String.format(Locale.ROOT, "JIT warm-up: %.2f s untimed, %d events, %s (touched: %s)",
                    seconds, events, quiet ? "compilers quiet" : "compilers still busy", touched);
        }
    }

    /** One bounded piece of untimed work; it should take well under {@link #QUIET_SECONDS}. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    /**
     * Runs a fixed plan of rounds once, in order (a protocol client's short loopback tests, each
     * taking a path the measured run will take), then waits, idle, until the compilers are quiet.
     * The plan and the wait together are bounded by {@code maxSeconds} from the start; rounds
     * left when it passes are skipped.
     */
    public static Summary plan(List<? extends Round> rounds, String touched, double maxSeconds, BooleanSupplier stop)
            throws Exception {
        long start = MonotonicClock.nanos();
        long deadline = start + Quiet.seconds(maxSeconds);
        long events = 0;
        for (Round r : rounds) {
            if (stop.getAsBoolean() || MonotonicClock.nanos() - deadline >= 0) {
                break;
            }
            r.run();
            events++;
        }
        boolean quiet = new JitActivity().awaitQuiet(Quiet.seconds(QUIET_SECONDS), deadline, stop) >= 0
                && !stop.getAsBoolean() && MonotonicClock.nanos() - deadline < 0;
        return new Summary((MonotonicClock.nanos() - start) / 1e9, events, quiet, touched);
    }

    /**
     * Bursts of work (an HTTP client's requests against a private server), each followed by an
     * idle wait until the compilers are quiet, until a burst gives them (almost) nothing to
     * compile, at least {@link #MIN_SECONDS} and at most {@code maxSeconds} in all. An idle wait
     * between bursts keeps the compiler threads from competing with the burst on a small machine,
     * so that every burst runs the code compiled so far.
     */
    public static Summary bursts(Round burst, String touched, double maxSeconds, BooleanSupplier stop)
            throws Exception {
        long start = MonotonicClock.nanos();
        long deadline = start + Quiet.seconds(maxSeconds);
        JitActivity jit = new JitActivity();
        long events = 0;
        boolean quiet = false;
        while (!stop.getAsBoolean() && MonotonicClock.nanos() - deadline < 0) {
            long before = jit.work();
            burst.run();
            events++;
            long after = jit.awaitQuiet(Quiet.seconds(QUIET_SECONDS), deadline, stop);
            if (before < 0 || after < 0) {
                break; // the compilers' work cannot be read: one burst is all that can be judged
            }
            if (events > 1 && after - before <= 1 && MonotonicClock.nanos() - start >= Quiet.seconds(MIN_SECONDS)) {
                quiet = true;
                break;
            }
        }
        return new Summary((MonotonicClock.nanos() - start) / 1e9, events, quiet, touched);
    }

    /**
     * The rule that ends a warm-up, polled by whoever drives it: done once {@link #MIN_SECONDS} have
     * passed and the compilers have not worked for {@link #QUIET_SECONDS}, or at {@link #MAX_SECONDS}.
     */
    public static final class Quiet {
        private static final long POLL_NS = 20_000_000L;
        private final JitActivity jit = new JitActivity();
        private final long start = MonotonicClock.nanos();
        private long lastPoll = start;
        private long lastWork = jit.work();
        private long quietSince = start;
        private boolean quiet;

        /** Whether the warm-up may end now. Reads the compilers' work at most every 20 ms. */
        public boolean done() {
            long now = MonotonicClock.nanos();
            if (now - start >= seconds(MAX_SECONDS)) {
                return true;
            }
            if (now - lastPoll < POLL_NS) {
                return false;
            }
            lastPoll = now;
            long w = jit.work();
            if (w < 0) {
                // the compilers' work cannot be read: run the minimum and say it was not seen quiet
                return now - start >= seconds(MIN_SECONDS);
            }
            if (w != lastWork) {
                lastWork = w;
                quietSince = now;
                return false;
            }
            if (now - start >= seconds(MIN_SECONDS) && now - quietSince >= seconds(QUIET_SECONDS)) {
                quiet = true;
                return true;
            }
            return false;
        }

        /** Whether it ended because the compilers went quiet. */
        public boolean quiet() {
            return quiet;
        }

        public double elapsedSeconds() {
            return (MonotonicClock.nanos() - start) / 1e9;
        }

        static long seconds(double s) {
            return (long) (s * 1e9);
        }
    }
}

package io.virtbench.core.harness;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ThreadTotals;
import io.virtbench.core.stats.Histograms;
import io.virtbench.core.stats.SysbenchPercentile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Runs a {@link Workload} the way sysbench runs a test (src/sysbench.c): worker threads pass a
 * start barrier, then each runs events until the time limit ({@code --time}, checked before each
 * event, so the last one may overrun), the shared event limit ({@code --events}, exact across
 * threads), a fatal error, or a stop request. Every event is timed here, never by the workload.
 *
 * <p>Options beyond sysbench 1.0.20 follow sysbench's later releases: {@code --warmup-time} runs
 * events with statistics disabled first (the event limit applies only afterwards). With
 * {@code --rate}, arrivals are Poisson as in sysbench; the reported latency is the event's own
 * (as sysbench), and a second histogram holds the latency from the intended start time, which
 * corrects for coordinated omission.
 */
public final class Harness {

    /** Called by the harness on its own threads; implementations print progress lines. */
    public interface Listener {
        /** All workers are ready and the clock starts (sysbench prints "Threads started!"). */
        default void started() {
        }

        /** The JIT warm-up ended, before the workers are started for measuring. */
        default void jitWarmedUp(JitWarmup.Summary summary) {
        }

        /** A warm-up of {@code seconds} begins, with statistics disabled. */
        default void warmingUp(double seconds) {
        }

        /** One report interval ended (only with {@code --report-interval}). */
        default void interval(IntervalSample sample) {
        }
    }

    /** A listener that prints nothing. */
    public static final Listener SILENT = new Listener() {
    };

    private static final long PARK_SLICE_NS = 50_000_000L;
    /** One slice of a thread's JIT warm-up loop (see WorkerThread.warmUp). */
    private static final long WARMUP_SLICE_NS = 1_000_000L;

    private final Workload workload;
    private final RunSettings settings;
    private final Listener listener;
    private final StopSignal stop;

    private volatile boolean halt;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, Long> errors = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger concurrency = new AtomicInteger();
    private final CountDownLatch ready;
    private final CountDownLatch warmReady;
    private final CountDownLatch warmDone;
    private final AtomicLong warmEvents = new AtomicLong();
    private final AtomicReference<Throwable> warmFailure = new AtomicReference<>();
    private volatile boolean jitDone;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final WorkerThread[] workers;
    private Pacer pacer;
    private long measureStart;
    private long endNanos;

    private Harness(Workload workload, RunSettings settings, Listener listener, StopSignal stop) {
        this.workload = workload;
        this.settings = settings;
        this.listener = listener;
        this.stop = stop;
        this.ready = new CountDownLatch(settings.threads());
        this.warmReady = new CountDownLatch(settings.jitWarmup() ? settings.threads() : 0);
        this.warmDone = new CountDownLatch(settings.jitWarmup() ? settings.threads() : 0);
        this.workers = new WorkerThread[settings.threads()];
    }

    /**
     * Runs the workload once. A failure while setting up (in {@link Workload#init} or
     * {@link Workload#createWorker}) is thrown; a failure during the run ends it early and is
     * reported in the returned {@link Measurement} with the figures measured until then.
     */
    public static Measurement run(Workload workload, RunSettings settings, Listener listener, StopSignal stop)
            throws Exception {
        return new Harness(workload, settings, listener, stop).execute();
    }

    /** Heap besides its histograms that a worker thread holds (thread object, counters, timers). */
    private static final long WORKER_OVERHEAD_BYTES = 16 * 1024;

    /**
     * The heap a run's latency histograms can grow to: per worker one (two with {@code --rate}),
     * each up to the full range, and twice that when interval reports swap in a second one.
     */
    public static long heapNeeded(RunSettings s) {
        long perWorker = Histograms.FULL_FOOTPRINT_BYTES * (s.rate() > 0 ? 2 : 1) * (s.reportInterval() > 0 ? 2 : 1)
                + WORKER_OVERHEAD_BYTES;
        return perWorker * s.threads();
    }

    /**
     * Refuses a run whose threads' histograms may not fit in the heap left, before anything
     * starts: running out of memory half-way would lose the run with a stack trace.
     */
    public static void requireHeap(RunSettings s) {
        long need = heapNeeded(s);
        if (need <= heapAvailable()) {
            return;
        }
        System.gc();
        long available = heapAvailable();
        if (need > available) {
            long mb = 1024 * 1024;
            throw UserException.usage(String.format(Locale.ROOT,
                    "%d threads need up to %d MB of heap for their latency histograms, the heap has %d MB free "
                            + "(maximum %d MB); use -Xmx (e.g. java -Xmx%dm -jar ...) or fewer threads",
                    s.threads(), (need + mb - 1) / mb, available / mb, Runtime.getRuntime().maxMemory() / mb,
                    (Runtime.getRuntime().maxMemory() + need - available) / mb + 64));
        }
    }

    private static long heapAvailable() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    private Measurement execute() throws Exception {
        requireHeap(settings);
        workload.init(settings);
        try (AutoCloseable ignored = stop.onRequest(() -> halt = true)) {
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new WorkerThread(i);
                workers[i].start();
            }
            JitWarmup.Summary jit = settings.jitWarmup() ? awaitJitWarmup() : null;
            ready.await();
            Throwable initError = null;
            for (WorkerThread w : workers) {
                if (w.initError != null && initError == null) {
                    initError = w.initError;
                }
            }
            if (initError != null) {
                halt = true;
                gate.countDown();
                joinAll();
                throw asException(initError);
            }

            long start = System.nanoTime();
            long warmupNs = seconds(settings.warmupTime());
            measureStart = start + warmupNs;
            endNanos = settings.time() > 0 ? measureStart + seconds(settings.time()) : Long.MAX_VALUE;
            if (settings.rate() > 0) {
                pacer = new Pacer(settings.rate(), start);
            }
            Instant wallStart = Instant.now().plusNanos(warmupNs);
            running.set(workers.length);
            listener.started();
            if (warmupNs > 0) {
                listener.warmingUp(settings.warmupTime());
            }
            gate.countDown();

            Reporter reporter = null;
            if (settings.reportInterval() > 0) {
                reporter = new Reporter(seconds(settings.reportInterval()));
                reporter.start();
            }
            joinAll();
            long endTime = System.nanoTime();
            Instant wallEnd = Instant.now();
            Histogram latency = Histograms.newNanosHistogram();
            Histogram intended = pacer != null ? Histograms.newNanosHistogram() : null;
            List<IntervalSample> samples = List.of();
            if (reporter != null) {
                reporter.finish();
                latency.add(reporter.cumulative);
                samples = reporter.samples;
            }
            long[] totals = new long[Counter.all().length];
            List<ThreadTotals> threadTotals = new ArrayList<>(workers.length);
            for (WorkerThread w : workers) {
                latency.add(w.recorder.getIntervalHistogram());
                if (intended != null) {
                    intended.add(w.intendedRecorder.getIntervalHistogram());
                }
                w.measured.addTo(totals);
                threadTotals.add(new ThreadTotals(w.events, w.sumNs, w.events == 0 ? 0 : w.minNs, w.maxNs));
            }
            double total = endTime > measureStart ? (endTime - measureStart) / 1e9 : 0;
            Throwable f = failure.get();
            Measurement.Status status = f != null ? Measurement.Status.FAILED
                    : stop.requested() ? Measurement.Status.INTERRUPTED : Measurement.Status.COMPLETE;
            return new Measurement(wallStart, wallEnd, total, totals, List.copyOf(threadTotals), latency, intended,
                    List.copyOf(samples), status, f == null ? null : describe(f), new TreeMap<>(errors), jit);
        } finally {
            workload.done();
        }
    }

    /**
     * Lets the workers run their warm-up events until the JIT is quiet ({@link JitWarmup.Quiet}),
     * then releases them to create their measured workers. Nothing here is timed or counted.
     */
    private JitWarmup.Summary awaitJitWarmup() throws InterruptedException {
        warmReady.await();
        JitWarmup.Quiet quiet = new JitWarmup.Quiet();
        while (warmFailure.get() == null && !halt && !quiet.done()) {
            Thread.sleep(5);
        }
        jitDone = true;
        warmDone.await();
        JitWarmup.Summary summary = new JitWarmup.Summary(quiet.elapsedSeconds(), warmEvents.get(),
                quiet.quiet(), workload.warmupTouches());
        if (warmFailure.get() == null && !halt) {
            listener.jitWarmedUp(summary);
        }
        return summary;
    }

    private void joinAll() throws InterruptedException {
        for (WorkerThread w : workers) {
            if (w != null) {
                w.join();
            }
        }
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        return new UserException(describe(t), t);
    }

    /** A one-line description of a failure: its message, or its class when it has none. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private void fail(Throwable t) {
        errors.merge(t.getClass().getName(), 1L, Long::sum);
        failure.compareAndSet(null, t);
        halt = true;
    }

    /** One worker thread: sysbench's thread_run with the default event loop. */
    private final class WorkerThread extends Thread {
        private final int index;
        final Counters measured = new Counters();
        private final Counters warmup = new Counters();
        final SingleWriterRecorder recorder = Histograms.newNanosRecorder();
        final SingleWriterRecorder intendedRecorder;
        long events;
        long sumNs;
        long minNs = Long.MAX_VALUE;
        long maxNs;
        volatile Throwable initError;
        private Worker worker;

        WorkerThread(int index) {
            super("virtbench-worker-" + (index + 1));
            this.index = index;
            this.intendedRecorder = settings.rate() > 0
                    ? Histograms.newNanosRecorder() : null;
            setDaemon(true);
        }

        @Override
        public void run() {
            if (settings.jitWarmup()) {
                warmUp();
            }
            try {
                if (initError == null) {
                    worker = workload.createWorker(index);
                }
            } catch (Throwable t) {
                initError = t;
            }
            ready.countDown();
            boolean waiting = true;
            while (waiting) {
                try {
                    gate.await();
                    waiting = false;
                } catch (InterruptedException e) {
                    // keep waiting: the main thread always opens the gate
                }
            }
            if (worker == null) {
                return;
            }
            boolean ownFailure = false;
            try {
                if (!halt) {
                    loop(worker, measured, warmup, measureStart, endNanos, settings.events(), tickets, pacer);
                }
            } catch (Throwable t) {
                ownFailure = true;
                fail(t);
            }
            try {
                if (!ownFailure) {
                    worker.finish(System.nanoTime() >= measureStart ? measured : warmup);
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                running.decrementAndGet();
                try {
                    worker.close();
                } catch (Throwable t) {
                    errors.merge(t.getClass().getName(), 1L, Long::sum);
                }
            }
        }

        /**
         * This thread's part of the JIT warm-up: a warm-up worker's events through the same
         * {@link #loop} as the measured run (timed and recorded, then forgotten), so that the JIT
         * compiles the timing and recording around the events too, until the main thread ends the
         * warm-up. The loop runs in slices of {@link #WARMUP_SLICE_NS}, each ended by its time limit
         * as the measured run ends: the loop is then invoked often enough to be compiled as a
         * method (not only on-stack), and no branch the measured run takes is new to the compiled
         * code. Without --rate and, with --events, with an event limit of its own, so that the
         * loop's branches go the way the measured run's will.
         */
        private void warmUp() {
            Worker w = null;
            try {
                w = workload.createWarmupWorker(index);
            } catch (Throwable t) {
                initError = t;
                warmFailure.compareAndSet(null, t);
            }
            warmReady.countDown();
            Counters discarded = new Counters();
            AtomicLong ownTickets = new AtomicLong();
            long limit = settings.events() > 0 ? Long.MAX_VALUE : 0;
            try {
                while (w != null && !jitDone && !halt) {
                    long sliceEnd = System.nanoTime() + WARMUP_SLICE_NS;
                    if (loop(w, discarded, discarded, Long.MIN_VALUE, sliceEnd, limit, ownTickets, null)) {
                        // the worker ended by its own limit (memory's share, mutex's one event): take a fresh one
                        Worker ended = w;
                        w = null;
                        ended.close();
                        w = workload.createWarmupWorker(index);
                    }
                }
            } catch (Throwable t) {
                initError = new UserException("JIT warm-up failed: " + describe(t), t);
                warmFailure.compareAndSet(null, t);
            } finally {
                warmEvents.addAndGet(events);
                forgetWarmup();
                if (w != null) {
                    try {
                        w.close();
                    } catch (Throwable t) {
                        errors.merge(t.getClass().getName(), 1L, Long::sum);
                    }
                }
                warmDone.countDown();
            }
        }

        /** Clears what the warm-up's events recorded; on this thread, no writer is active. */
        private void forgetWarmup() {
            events = 0;
            sumNs = 0;
            minNs = Long.MAX_VALUE;
            maxNs = 0;
            recorder.reset();
            if (intendedRecorder != null) {
                intendedRecorder.reset();
            }
        }

        /**
         * The event loop (sysbench's thread_run): {@code in} counts events from {@code start} on,
         * {@code before} those before it (--warmup-time); {@code limit} events over all threads
         * (0 = none) taken from {@code tickets}; with {@code p}, arrivals at its pace.
         *
         * @return whether it ended because the worker has no more events ({@link Worker#next})
         */
        private boolean loop(Worker w, Counters in, Counters before, long start, long end, long limit, AtomicLong tickets,
                             Pacer p) throws Exception {
            while (!halt) {
                long intended = 0;
                if (p != null) {
                    intended = p.claim();
                    if (intended >= end || !sleepUntil(intended)) {
                        break;
                    }
                }
                long t0 = System.nanoTime();
                if (t0 >= end) {
                    break;
                }
                boolean inMeasure = t0 >= start;
                if (inMeasure && limit > 0 && tickets.getAndIncrement() >= limit) {
                    break;
                }
                if (!w.next()) {
                    return true;
                }
                if (p != null) {
                    concurrency.incrementAndGet();
                }
                w.event(inMeasure ? in : before);
                long t1 = System.nanoTime();
                if (p != null) {
                    concurrency.decrementAndGet();
                }
                if (inMeasure) {
                    long ns = t1 - t0;
                    events++;
                    sumNs += ns;
                    if (ns < minNs) {
                        minNs = ns;
                    }
                    if (ns > maxNs) {
                        maxNs = ns;
                    }
                    recorder.recordValue(Histograms.clamp(ns));
                    if (p != null) {
                        intendedRecorder.recordValue(Histograms.clamp(t1 - intended));
                    }
                    in.increment(Counter.EVENTS);
                }
            }
            return false;
        }

        /** Waits until {@code deadline}; false if the run was halted meanwhile. */
        private boolean sleepUntil(long deadline) {
            long d;
            while ((d = deadline - System.nanoTime()) > 0) {
                if (halt) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(d, PARK_SLICE_NS));
            }
            return !halt;
        }
    }

    /** The interval reporter thread (sysbench's report_intermediate). */
    private final class Reporter extends Thread {
        private final long intervalNs;
        private volatile boolean finished;
        final Histogram cumulative = Histograms.newNanosHistogram();
        final List<IntervalSample> samples = new ArrayList<>();
        private final Histogram scratch = Histograms.newNanosHistogram();
        private final Histogram interval = Histograms.newNanosHistogram();

        Reporter(long intervalNs) {
            super("virtbench-reporter");
            this.intervalNs = intervalNs;
            setDaemon(true);
        }

        void finish() throws InterruptedException {
            finished = true;
            LockSupport.unpark(this);
            join();
        }

        @Override
        public void run() {
            long[] last = new long[Counter.all().length];
            long lastTime = measureStart;
            long next = measureStart + intervalNs;
            while (true) {
                long d;
                while (!finished && (d = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(d);
                }
                if (finished) {
                    return;
                }
                long now = System.nanoTime();
                long[] totals = new long[last.length];
                interval.reset();
                for (WorkerThread w : workers) {
                    w.measured.addTo(totals);
                    w.recorder.getIntervalHistogramInto(scratch);
                    interval.add(scratch);
                }
                cumulative.add(interval);
                long[] delta = new long[totals.length];
                for (int i = 0; i < totals.length; i++) {
                    delta[i] = totals[i] - last[i];
                }
                double pct = settings.percentile() > 0 ? SysbenchPercentile.of(interval, settings.percentile()) : 0;
                Pacer p = pacer;
                IntervalSample s = new IntervalSample((now - measureStart) / 1e9, (now - lastTime) / 1e9,
                        running.get(), delta, pct, p == null ? 0 : p.queueLength(now),
                        p == null ? 0 : concurrency.get());
                samples.add(s);
                listener.interval(s);
                last = totals;
                lastTime = now;
                next += intervalNs;
                if (now - next > 0) {
                    // fell behind: skip the missed ticks, as sysbench does
                    next += ((now - next) / intervalNs + 1) * intervalNs;
                }
            }
        }
    }
}

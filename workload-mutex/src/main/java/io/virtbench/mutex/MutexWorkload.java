package io.virtbench.mutex;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.sysbench.BarrierLoop;
import io.virtbench.core.sysbench.Xoroshiro;
import java.util.concurrent.locks.ReentrantLock;

/**
 * sysbench 1.0.20's mutex test: every thread runs exactly one event, so the run's time is the
 * figure. The event repeats {@code --mutex-locks} times: pick one of {@code --mutex-num} mutexes
 * at random (sysbench's uniform generator), run {@code --mutex-loops} empty loop turns, lock the
 * mutex, increment a shared counter, unlock.
 *
 * <p>sysbench's mutexes are default pthread mutexes, each padded to 296 bytes so that no two
 * share a cache line; here they are non-fair {@link ReentrantLock}s, each allocated with a
 * 256-byte spacer after it (the allocator places them in order, so neighbours are as far apart).
 * The shared counter is incremented under whichever mutex the thread holds, a data race in
 * sysbench too. The empty loop is {@link BarrierLoop}. Nothing is allocated per lock.
 *
 * <p>Each thread's single event would otherwise start in the interpreter and wait for the JIT
 * while the clock runs (sysbench's C is compiled ahead of time). The harness's JIT warm-up
 * ({@code --jit-warmup}) therefore runs short events of the same code on 16 private mutexes
 * ({@link #createWarmupWorker}), which leaves the measured mutexes and counter untouched.
 */
public final class MutexWorkload implements Workload {
    private static final int SPACER_LONGS = 32;
    /** The warm-up's own mutexes and its locks per event: few, so that a warm-up event is short. */
    private static final int WARMUP_MUTEXES = 16;
    private static final int WARMUP_LOCKS = 10;

    private final MutexOptions options;
    private MutexWorkload scratch;
    private ReentrantLock[] locks;
    /** Keeps the spacers alive, so the mutexes stay apart. */
    private long[][] spacers;
    /** sysbench's global_var: incremented under one of many mutexes, so updates may be lost (as there). */
    int globalVar;

    public MutexWorkload(MutexOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public void init(RunSettings settings) {
        allocate();
        if (settings.jitWarmup()) {
            // the measured empty-loop length: the loop is compiled for the trip counts it will run
            scratch = new MutexWorkload(new MutexOptions(WARMUP_MUTEXES, WARMUP_LOCKS, options.loops()));
            scratch.allocate();
        }
    }

    private void allocate() {
        locks = new ReentrantLock[options.num()];
        spacers = new long[options.num()][];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
            spacers[i] = new long[SPACER_LONGS];
        }
    }

    @Override
    public Worker createWorker(int threadIndex) {
        return new LockWorker(this);
    }

    @Override
    public Worker createWarmupWorker(int threadIndex) {
        return new LockWorker(scratch);
    }

    @Override
    public String warmupTouches() {
        return "16 mutexes of its own, not the measured ones";
    }

    /** The mutexes, for tests: none may be held once a run is over. */
    ReentrantLock[] locks() {
        return locks.clone();
    }

    private static final class LockWorker implements Worker {
        private final MutexWorkload w;
        private final ReentrantLock[] locks;
        private final int locksPerEvent;
        private final BarrierLoop loop;
        private final Xoroshiro rng = Xoroshiro.seeded();
        private boolean done;

        LockWorker(MutexWorkload w) {
            this.w = w;
            this.locks = w.locks;
            this.locksPerEvent = w.options.locks();
            this.loop = new BarrierLoop(w.options.loops());
        }

        /** mutex_next_event: one event per thread. */
        @Override
        public boolean next() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }

        @Override
        public void event(Counters counters) {
            burst(locksPerEvent);
        }

        /** mutex_execute_event: {@code n} times a random mutex, the empty loop, lock, increment, unlock. */
        void burst(int n) {
            int last = locks.length - 1;
            do {
                ReentrantLock l = locks[rng.uniform(0, last)];
                loop.run();
                l.lock();
                try {
                    w.globalVar++;
                } finally {
                    l.unlock();
                }
                n--;
            } while (n > 0);
        }
    }
}

package io.virtbench.threads;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * sysbench 1.0.20's threads test: {@code --thread-locks} mutexes shared by all threads; each
 * event takes the next mutex in turn (a shared counter modulo the number of mutexes, drawn
 * before the event as sysbench's next_event does) and, {@code --thread-yields} times, locks it,
 * yields the processor and unlocks it.
 *
 * <p>sysbench locks a default pthread mutex and calls {@code pthread_yield} (glibc's
 * {@code sched_yield}). Here the lock is a non-fair {@link ReentrantLock} (one CAS when free;
 * when taken, a short queue and {@code futex} wait, as the pthread mutex) and the yield is
 * {@link Thread#yield}, which HotSpot implements as the same {@code sched_yield} system call.
 * Nothing is allocated per event.
 */
public final class ThreadsWorkload implements Workload {
    private final ThreadsOptions options;
    private final AtomicInteger requests = new AtomicInteger();
    private ReentrantLock[] locks;

    public ThreadsWorkload(ThreadsOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public void init(RunSettings settings) {
        locks = new ReentrantLock[options.locks()];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        requests.set(0);
    }

    @Override
    public Worker createWorker(int threadIndex) {
        return new YieldWorker(locks, requests, options.yields());
    }

    /** The mutex of request number {@code request}: sysbench's unsigned counter modulo the number of mutexes. */
    static int lockFor(int request, int locks) {
        return Integer.remainderUnsigned(request, locks);
    }

    /** The mutexes, for tests: none may be held once a run is over. */
    ReentrantLock[] locks() {
        return locks.clone();
    }

    private static final class YieldWorker implements Worker {
        private final ReentrantLock[] locks;
        private final AtomicInteger requests;
        private final int yields;
        private ReentrantLock lock;

        YieldWorker(ReentrantLock[] locks, AtomicInteger requests, int yields) {
            this.locks = locks;
            this.requests = requests;
            this.yields = yields;
        }

        /** threads_next_event: the next mutex in turn (an unsigned counter, as sysbench's). */
        @Override
        public boolean next() {
            lock = locks[lockFor(requests.getAndIncrement(), locks.length)];
            return true;
        }

        @Override
        public void event(Counters counters) {
            ReentrantLock l = lock;
            for (int i = 0; i < yields; i++) {
                l.lock();
                try {
                    Thread.yield();
                } finally {
                    l.unlock();
                }
            }
        }
    }
}

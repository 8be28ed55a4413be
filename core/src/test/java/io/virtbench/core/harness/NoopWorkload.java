package io.virtbench.core.harness;

/** A workload whose event does almost nothing: it measures the harness itself (as BenchBase's noop). */
public final class NoopWorkload implements Workload {
    private final long spinNanos;
    private final long failAtEvent;

    public NoopWorkload() {
        this(0, -1);
    }

    /**
     * @param spinNanos   how long each event busy-waits
     * @param failAtEvent the event number of the first thread that throws, or -1
     */
    public NoopWorkload(long spinNanos, long failAtEvent) {
        this.spinNanos = spinNanos;
        this.failAtEvent = failAtEvent;
    }

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public Worker createWorker(int threadIndex) {
        return new Worker() {
            long n;

            @Override
            public void event(Counters counters) {
                if (++n == failAtEvent && threadIndex == 0) {
                    throw new IllegalStateException("event " + n + " failed on purpose");
                }
                if (spinNanos > 0) {
                    long end = System.nanoTime() + spinNanos;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }
                counters.increment(Counter.READS);
                counters.add(Counter.BYTES_READ, 10);
            }
        };
    }
}

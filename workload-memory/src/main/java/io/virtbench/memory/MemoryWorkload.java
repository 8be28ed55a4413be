package io.virtbench.memory;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.sysbench.BarrierLoop;
import io.virtbench.core.sysbench.Xoroshiro;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * sysbench 1.0.20's memory test: one event moves one block of {@code --memory-block-size} bytes
 * word by word (8-byte words, as size_t): sequentially or at a random word per step, reading,
 * writing or doing nothing. The buffer is one for all threads ({@code global}) or one per thread
 * ({@code local}), zeroed before the run. Each thread stops after its share of
 * {@code --memory-total-size} ({@code total / block / threads} events), or at {@code --time}.
 *
 * <p>sysbench reads and writes through ConcurrencyKit's {@code ck_pr_load_64}/{@code ck_pr_store_64}:
 * one plain 8-byte move per word that the compiler may neither drop nor merge into wider
 * (vector) moves. Opaque VarHandle accesses are exactly that in Java. Nothing is allocated per event.
 */
public final class MemoryWorkload implements Workload {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final MemoryOptions options;
    private final int threads;
    private long[] global;

    /**
     * @param threads the number of worker threads, which divides {@code --memory-total-size}
     */
    public MemoryWorkload(MemoryOptions options, int threads) {
        this.options = options;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void init() {
        if (options.scope() == MemoryOptions.Scope.GLOBAL) {
            global = new long[options.words()];
        }
    }

    @Override
    public Worker createWorker(int threadIndex) {
        long[] buf = global != null ? global : new long[options.words()];
        return new BlockWorker(buf, options, options.eventsPerThread(threads));
    }

    @Override
    public void done() {
        global = null;
    }

    private static final class BlockWorker implements Worker {
        private final long[] buf;
        private final MemoryOptions.Oper oper;
        private final boolean random;
        private final Xoroshiro rng = Xoroshiro.seeded();
        private final BarrierLoop none;
        private final boolean limited;
        private long left;
        /** Where read and random-none loops leave their result, so the JIT keeps the work. */
        long sink;

        BlockWorker(long[] buf, MemoryOptions o, long events) {
            this.buf = buf;
            this.oper = o.oper();
            this.random = o.mode() == MemoryOptions.AccessMode.RND;
            this.none = new BarrierLoop(buf.length);
            this.limited = events >= 0;
            this.left = events;
        }

        @Override
        public boolean next() {
            return !limited || left-- > 0;
        }

        @Override
        public void event(Counters counters) {
            if (random) {
                switch (oper) {
                    case WRITE -> randomWrite(buf, rng);
                    case READ -> sink ^= randomRead(buf, rng);
                    case NONE -> sink ^= randomNone(buf.length, rng);
                }
            } else {
                switch (oper) {
                    case WRITE -> seqWrite(buf);
                    case READ -> sink ^= seqRead(buf);
                    case NONE -> none.run();
                }
            }
        }
    }

    /** event_seq_write: each word gets the number of words left to the block's end. */
    static void seqWrite(long[] buf) {
        int n = buf.length;
        for (int i = 0; i < n; i++) {
            WORDS.setOpaque(buf, i, (long) (n - i));
        }
    }

    /** event_seq_read: loads every word. */
    static long seqRead(long[] buf) {
        long x = 0;
        for (int i = 0; i < buf.length; i++) {
            x ^= (long) WORDS.getOpaque(buf, i);
        }
        return x;
    }

    /** The word a random step touches: (size_t)(uniform double × words per block). */
    private static int offset(Xoroshiro rng, int words) {
        return (int) (rng.uniformDouble() * words);
    }

    /** event_rnd_write: one step per word of the block, each storing its byte position at a random word. */
    static void randomWrite(long[] buf, Xoroshiro rng) {
        int n = buf.length;
        for (int i = 0; i < n; i++) {
            WORDS.setOpaque(buf, offset(rng, n), (long) i * MemoryOptions.WORD);
        }
    }

    /** event_rnd_read: one load at a random word per word of the block. */
    static long randomRead(long[] buf, Xoroshiro rng) {
        int n = buf.length;
        long x = 0;
        for (int i = 0; i < n; i++) {
            x ^= (long) WORDS.getOpaque(buf, offset(rng, n));
        }
        return x;
    }

    /** event_rnd_none: draws the random offsets and touches no memory. */
    static long randomNone(int words, Xoroshiro rng) {
        long x = 0;
        for (int i = 0; i < words; i++) {
            x ^= offset(rng, words);
        }
        return x;
    }
}

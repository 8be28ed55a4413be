package io.virtbench.memory;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
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
 * (vector) moves. Opaque VarHandle accesses are exactly that in Java; the sequential read uses
 * plain loads folded into eight values instead (see {@link #seqRead}). Nothing is allocated per event.
 */
public final class MemoryWorkload implements Workload {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final MemoryOptions options;
    /** The harness's thread count, which divides {@code --memory-total-size}; set by {@link #init}. */
    private int threads;
    private long[] global;

    public MemoryWorkload(MemoryOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void init(RunSettings settings) {
        threads = settings.threads();
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

    /** One event's loop over a block: a single implementation per run, so the call is monomorphic. */
    private interface BlockLoop {
        /** Moves one block; returns what reads and random offsets computed, for the sink. */
        long run(long[] buf, Xoroshiro rng);
    }

    /** The loop of an operation and access mode, chosen once (sysbench sets execute_event in memory_init). */
    private static BlockLoop loopFor(MemoryOptions o, int words) {
        boolean random = o.mode() == MemoryOptions.AccessMode.RND;
        return switch (o.oper()) {
            case WRITE -> random ? (b, r) -> {
                randomWrite(b, r);
                return 0;
            } : (b, r) -> {
                seqWrite(b);
                return 0;
            };
            case READ -> random ? MemoryWorkload::randomRead : (b, r) -> seqRead(b);
            case NONE -> {
                if (random) {
                    yield (b, r) -> randomNone(b.length, r);
                }
                BarrierLoop none = new BarrierLoop(words);
                yield (b, r) -> none.run();
            }
        };
    }

    private static final class BlockWorker implements Worker {
        private final long[] buf;
        private final BlockLoop loop;
        private final Xoroshiro rng = Xoroshiro.seeded();
        private final boolean limited;
        private long left;
        /** Where read and random-none loops leave their result, so the JIT keeps the work. */
        long sink;

        BlockWorker(long[] buf, MemoryOptions o, long events) {
            this.buf = buf;
            this.loop = loopFor(o, buf.length);
            this.limited = events >= 0;
            this.left = events;
        }

        @Override
        public boolean next() {
            return !limited || left-- > 0;
        }

        @Override
        public void event(Counters counters) {
            sink ^= loop.run(buf, rng);
        }
    }

    /** event_seq_write: each word gets the number of words left to the block's end. */
    static void seqWrite(long[] buf) {
        int n = buf.length;
        for (int i = 0; i < n; i++) {
            WORDS.setOpaque(buf, i, (long) (n - i));
        }
    }

    /**
     * event_seq_read: loads every word. gcc's loop loads into a register it then ignores, eight
     * loads per turn with nothing depending on them, so the CPU overlaps them. The JIT drops a
     * load whose value is unused, so the words are folded into eight independent values: one
     * chain would allow one load per cycle, eight chains let the loads overlap as in C.
     *
     * <p>Plain loads, not opaque ones as in the write loop: C2 wraps every opaque access in
     * compiler barriers, and a loop holding them is neither unrolled nor freed of its bounds
     * checks (read from the compiled code: two bounds checks, a safepoint poll and the array
     * reloaded per eight words), which made this loop half as fast as sysbench's. A plain load
     * whose value is used cannot be dropped either, and the eight separate chains are not
     * vectorised (C2 of JDK 17 and 25 emit one scalar 8-byte {@code xor reg, [mem]} per word, the
     * main loop unrolled, no vector instruction), so each word is still one 8-byte load as in C.
     * The bound is {@code n - 7} so that the loop is a counted loop C2 can range-check once.
     */
    static long seqRead(long[] buf) {
        long x0 = 0;
        long x1 = 0;
        long x2 = 0;
        long x3 = 0;
        long x4 = 0;
        long x5 = 0;
        long x6 = 0;
        long x7 = 0;
        int n = buf.length;
        int limit = n - 7;
        int i = 0;
        for (; i < limit; i += 8) {
            x0 ^= buf[i];
            x1 ^= buf[i + 1];
            x2 ^= buf[i + 2];
            x3 ^= buf[i + 3];
            x4 ^= buf[i + 4];
            x5 ^= buf[i + 5];
            x6 ^= buf[i + 6];
            x7 ^= buf[i + 7];
        }
        for (; i < n; i++) {
            x0 ^= buf[i];
        }
        return x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x6 ^ x7;
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

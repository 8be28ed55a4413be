package io.virtbench.threads;

import io.virtbench.core.UserException;

/**
 * Options of sysbench's threads test (src/tests/threads/sb_threads.c), with its defaults.
 *
 * @param yields {@code --thread-yields}: lock–yield–unlock turns per event (default 1000)
 * @param locks  {@code --thread-locks}: mutexes the events share, taken in turn (default 8)
 */
public record ThreadsOptions(int yields, int locks) {
    public static final int DEFAULT_YIELDS = 1000;
    public static final int DEFAULT_LOCKS = 8;

    public ThreadsOptions {
        if (yields < 0) {
            throw UserException.usage("invalid value for --thread-yields: " + yields + " (must be >= 0)");
        }
        // sysbench divides by it (a zero crashes it with SIGFPE)
        if (locks < 1) {
            throw UserException.usage("invalid value for --thread-locks: " + locks + " (must be >= 1)");
        }
    }

    public static ThreadsOptions defaults() {
        return new ThreadsOptions(DEFAULT_YIELDS, DEFAULT_LOCKS);
    }
}

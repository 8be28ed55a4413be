package io.virtbench.mutex;

import io.virtbench.core.UserException;

/**
 * Options of sysbench's mutex test (src/tests/mutex/sb_mutex.c), with its defaults.
 *
 * @param num   {@code --mutex-num}: mutexes in the shared array (default 4096)
 * @param locks {@code --mutex-locks}: lock–unlock pairs each thread does (default 50000)
 * @param loops {@code --mutex-loops}: empty loop turns before each lock (default 10000)
 */
public record MutexOptions(int num, int locks, int loops) {
    public static final int DEFAULT_NUM = 4096;
    public static final int DEFAULT_LOCKS = 50000;
    public static final int DEFAULT_LOOPS = 10000;

    public MutexOptions {
        // sysbench indexes a random mutex in 0 .. num - 1: with 0 it reads past its array
        if (num < 1) {
            throw UserException.usage("invalid value for --mutex-num: " + num + " (must be >= 1)");
        }
        // sysbench's do-while decrements an unsigned count: 0 would run 2^32 locks
        if (locks < 1) {
            throw UserException.usage("invalid value for --mutex-locks: " + locks + " (must be >= 1)");
        }
        if (loops < 0) {
            throw UserException.usage("invalid value for --mutex-loops: " + loops + " (must be >= 0)");
        }
    }

    public static MutexOptions defaults() {
        return new MutexOptions(DEFAULT_NUM, DEFAULT_LOCKS, DEFAULT_LOOPS);
    }
}

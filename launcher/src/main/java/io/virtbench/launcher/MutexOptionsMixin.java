package io.virtbench.launcher;

import io.virtbench.mutex.MutexOptions;
import picocli.CommandLine.Option;

/** sysbench mutex's options (sb_mutex.c mutex_args), shared by mutex and crosscheck mutex. */
final class MutexOptionsMixin {
    @Option(names = "--mutex-num", paramLabel = "N", defaultValue = "" + MutexOptions.DEFAULT_NUM,
            description = "total size of mutex array")
    int num;

    @Option(names = "--mutex-locks", paramLabel = "N", defaultValue = "" + MutexOptions.DEFAULT_LOCKS,
            description = "number of mutex locks to do per thread")
    int locks;

    @Option(names = "--mutex-loops", paramLabel = "N", defaultValue = "" + MutexOptions.DEFAULT_LOOPS,
            description = "number of empty loops to do outside mutex lock")
    int loops;

    MutexOptions options() {
        return new MutexOptions(num, locks, loops);
    }
}

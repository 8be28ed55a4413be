package io.virtbench.launcher;

import io.virtbench.threads.ThreadsOptions;
import picocli.CommandLine.Option;

/** sysbench threads' options (sb_threads.c threads_args), shared by threads and crosscheck threads. */
final class ThreadsOptionsMixin {
    @Option(names = "--thread-yields", paramLabel = "N", defaultValue = "" + ThreadsOptions.DEFAULT_YIELDS,
            description = "number of yields to do per request")
    int yields;

    @Option(names = "--thread-locks", paramLabel = "N", defaultValue = "" + ThreadsOptions.DEFAULT_LOCKS,
            description = "number of locks per thread")
    int locks;

    ThreadsOptions options() {
        return new ThreadsOptions(yields, locks);
    }
}

package io.virtbench.core.harness;

import java.io.PrintStream;

/**
 * A benchmark workload plugged into the {@link Harness}. The harness owns time: it decides when
 * events start and stop, times every event and keeps all statistics. A workload only does the
 * work of one event ({@link Worker#event}) and counts what it did ({@link Counters}).
 *
 * <p>Life cycle of {@code run}: {@link #init()} once, then {@link #createWorker} on each worker
 * thread (untimed, before the start barrier), the timed event loop, {@link Worker#finish} on each
 * thread (inside the total time, as sysbench's {@code thread_done}), {@link Worker#close}, and
 * {@link #done()} once. {@link #prepare} and {@link #cleanup} are the separate commands of
 * workloads that need data on disk or in a database.
 */
public interface Workload {

    /** Short name, as on the command line: {@code cpu}, {@code fileio}, {@code oltp}... */
    String name();

    /** The {@code prepare} command: create the data the run needs. */
    default void prepare(PrintStream out) throws Exception {
        throw new UnsupportedOperationException("'" + name() + "' test does not implement the 'prepare' command.");
    }

    /** The {@code cleanup} command: remove what {@link #prepare} created. */
    default void cleanup(PrintStream out) throws Exception {
        throw new UnsupportedOperationException("'" + name() + "' test does not implement the 'cleanup' command.");
    }

    /**
     * Global set-up before the workers are created (untimed). It receives the run's settings, the
     * same the harness runs with, so that what a workload sizes by them (a connection pool, a
     * share of the total size per thread) cannot disagree with the harness.
     */
    default void init(RunSettings settings) throws Exception {
    }

    /** Creates the worker of thread {@code threadIndex} (0-based), on that thread (untimed). */
    Worker createWorker(int threadIndex) throws Exception;

    /**
     * The worker the JIT warm-up runs on thread {@code threadIndex} ({@link JitWarmup}), before
     * the measured worker of that thread is created; it is closed after the warm-up. By default a
     * worker like the measured ones, so the warm-up compiles the very code the run will time. A
     * workload whose events change what is measured (its data, its position in a total) returns
     * one on scratch data of its own.
     */
    default Worker createWarmupWorker(int threadIndex) throws Exception {
        return createWorker(threadIndex);
    }

    /** What the JIT warm-up's events use outside the JVM, for the report and the result. */
    default String warmupTouches() {
        return "the same data as the measured events";
    }

    /** Global tear-down after every worker has finished and closed (untimed). */
    default void done() throws Exception {
    }
}

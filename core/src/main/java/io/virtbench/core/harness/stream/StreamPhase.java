package io.virtbench.core.harness.stream;

/** Where a byte-stream test is: not started, warming up (iperf3's {@code -O}), measuring, ended. */
public enum StreamPhase {
    IDLE, OMIT, MEASURE, ENDED
}

/**
 * Byte streams with intervals, the shape of iperf3-like tests: {@link
 * io.virtbench.core.harness.stream.ByteStreamMeter} owns the clock, the phases (warm-up, measured,
 * ended) and the interval closes; {@link io.virtbench.core.harness.stream.StreamCounter} counts one
 * stream's bytes without allocating; {@link io.virtbench.core.harness.stream.StreamInterval} is what
 * a close hands the protocol, which formats it.
 */
package io.virtbench.core.harness.stream;

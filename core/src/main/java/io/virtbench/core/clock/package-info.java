/**
 * Time for everything virtbench measures or waits for: {@link io.virtbench.core.clock.MonotonicClock}
 * is the single read of the clock, {@link io.virtbench.core.clock.Stopwatch} a duration,
 * {@link io.virtbench.core.clock.Deadline} the bound of a wait. The architecture tests forbid
 * workloads to read {@code System.nanoTime()} or {@code System.currentTimeMillis()} themselves.
 */
package io.virtbench.core.clock;

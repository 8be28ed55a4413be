/**
 * Time for everything virtbench measures or waits for: {@link io.virtbench.core.clock.MonotonicClock}
 * is the single read of the clock, {@link io.virtbench.core.clock.Stopwatch} a duration,
 * {@link io.virtbench.core.clock.Deadline} the bound of a wait, {@link io.virtbench.core.clock.JobTimer}
 * the named phases of one external job, {@link io.virtbench.core.clock.Poller} the schedule of a
 * repeated probe. The architecture tests forbid workloads to read {@code System.nanoTime()} or
 * {@code System.currentTimeMillis()}, and (but for listed protocol stamps) {@code MonotonicClock.nanos()}.
 */
package io.virtbench.core.clock;

/**
 * Request slots under a concurrency limit: the shape of a closed-loop request client (ab's).
 * {@link io.virtbench.core.harness.slots.RequestSlots} owns the clock and the run's limits
 * ({@code -n} requests, {@code -t} seconds, {@code -c} slots), hands out requests, timestamps each
 * request's phases in its {@link io.virtbench.core.harness.slots.Slot} and records them into
 * {@link io.virtbench.core.harness.slots.RequestTimes}; the workload keeps its protocol and event loop.
 */
package io.virtbench.core.harness.slots;

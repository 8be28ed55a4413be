package io.virtbench.suite.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.host.HostProbe;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A guest's boot time, launch to ready, as a result of workload {@code boot} (the metric of
 * {@code virtbench boot}, so the report's "Boot time" compares it): from starting the runtime's
 * {@code run} to the guest's first command running, which the guest script signals by creating
 * {@link GuestScript#STARTED} in its results directory. Measured where that directory is this
 * machine's own (OCI guests, a bind mount), so that no copy or ssh round trip is counted.
 */
final class GuestBoot {
    static final String STEP = "boot";
    /** The metric of workload boot's results. */
    static final String BOOT_TIME = "boot_time_seconds";
    /** How often the marker is looked for: the resolution of the figure. */
    private static final long POLL_NANOS = 1_000_000;

    /** When the guest was launched: System.nanoTime and wall clock, and the launch command line. */
    record Launch(long nanos, Instant at, String command) {
    }

    /** When the guest signalled that it runs: System.nanoTime and wall clock. */
    record Ready(long nanos, Instant at) {
    }

    private GuestBoot() {
    }

    /**
     * Waits for the guest's marker; null when the guest ended, the suite was stopped or
     * {@code timeoutSeconds} passed (the caller's own wait then names what went wrong).
     */
    static Ready await(Path marker, Guest guest, long timeoutSeconds, StopSignal stop) {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!stop.requested() && System.nanoTime() < deadline) {
            if (Files.exists(marker)) {
                return new Ready(System.nanoTime(), Instant.now());
            }
            if (!guest.alive()) {
                return null;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return null;
    }

    /** The boot result, labelled {@code label}, measured in the guest described by {@code sysinfo}. */
    static RunResult result(String label, Launch launch, Ready ready, Path sysinfo) {
        double seconds = (ready.nanos() - launch.nanos()) / 1e9;
        return RunResult.builder(STEP)
                .test("guest-start")
                .repetition(1)
                .start(launch.at())
                .end(ready.at())
                .parameter("launch", launch.command())
                .parameter("ready", "the guest's first command created " + GuestScript.STARTED)
                .detail("readiness_method", "file")
                .lower(BOOT_TIME, seconds, "s")
                .host(guestHost(sysinfo, label))
                .build();
    }

    /**
     * The guest's own facts from its sysinfo, labelled; this machine's when the guest recorded
     * none, with no detected platform (this machine's would mislabel the guest).
     */
    static HostInfo guestHost(Path sysinfo, String label) {
        try {
            if (Files.exists(sysinfo)) {
                JsonNode root = ResultFiles.mapper().readTree(sysinfo.toFile());
                HostInfo h = ResultFiles.mapper().treeToValue(root.path("host"), HostInfo.class);
                if (h != null) {
                    String detected = h.detectedPlatform() != null ? h.detectedPlatform() : root.path("platform").asText(null);
                    return h.withPlatform(label).withDetectedPlatform(detected);
                }
            }
        } catch (IOException e) {
            // unreadable: fall through to this machine's facts
        }
        return HostProbe.probe(label).withDetectedPlatform(null);
    }
}

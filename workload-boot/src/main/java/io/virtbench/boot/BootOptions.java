package io.virtbench.boot;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;

/**
 * Options of {@code virtbench boot}.
 *
 * @param launch   shell command that starts the platform ({@code sh -c})
 * @param ready    when it counts as booted
 * @param teardown shell command run after each measurement (stop the VM, remove the container), or null
 * @param timeout  seconds to wait for readiness, and at most for the teardown, before giving up
 * @param poll     seconds between readiness probes and each probe's own timeout (the study's 0.1 s)
 */
public record BootOptions(String launch, Readiness ready, String teardown, double timeout, double poll) {
    public static final double DEFAULT_TIMEOUT = 300;
    public static final double DEFAULT_POLL = 0.1;

    public BootOptions {
        if (launch == null || launch.isBlank()) {
            throw UserException.usage("missing --launch: the command that starts the platform");
        }
        if (ready == null) {
            ready = Readiness.parse(Readiness.DEFAULT);
        }
        if (teardown != null && teardown.isBlank()) {
            teardown = null;
        }
        Limits.positiveSeconds("--timeout", timeout);
        if (!(poll >= 0.001) || poll > 60) {
            throw UserException.usage("invalid value for --poll: " + poll + " (must be 0.001 .. 60 seconds)");
        }
    }
}

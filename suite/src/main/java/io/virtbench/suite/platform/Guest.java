package io.virtbench.suite.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * A guest of {@code suite --on}: something that runs a {@link GuestScript} apart from this
 * process (an OCI container, a machine over ssh) and that the host's clients reach at
 * {@link #address()}. {@link #close()} tears down everything {@link #start} made, on every path.
 */
interface Guest extends AutoCloseable {

    /** The command that starts virtbench inside the guest. */
    List<String> virtbench();

    /** The guest-side results directory. */
    String guestOutDir();

    /** The host directory the guest's results end up in (directly, or copied back by {@link #collect()}). */
    Path hostOutDir();

    /** Starts the guest running the script made for its address; returns when it runs. Sets {@link #step()} as it goes. */
    void start(GuestRun.GuestScriptSource script) throws Exception;

    /** When and how {@link #start} launched the guest, for its boot time; null when not measured here. */
    default GuestBoot.Launch launch() {
        return null;
    }

    /** The address the host's clients measure; valid after {@link #start}. */
    String address();

    /** Checks that load to {@link #address()} stays on this machine's own link to the guest. */
    void verifyRoute();

    /** Whether the guest's script still runs. */
    boolean alive();

    /** The guest's exit status once it ended, else -1. */
    int exitStatus();

    /** Reads a file the guest wrote in its results directory, or null when it does not exist (yet). */
    String readResult(String name) throws Exception;

    /** Brings the guest's results to {@link #hostOutDir()} (nothing to do when it writes there directly). */
    void collect() throws Exception;

    /** How the guest's network was set up, for the record. */
    String network();

    /** What the guest's file I/O directory is. */
    String fileioMedium();

    /** The step of start-up or teardown in progress, for error messages. */
    String step();

    @Override
    void close();
}

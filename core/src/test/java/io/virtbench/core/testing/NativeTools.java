package io.virtbench.core.testing;

import io.virtbench.core.nativetool.NativeTool;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a native tool (sysbench, iperf3, ab...) skip on a developer machine without
 * it, but fail in CI, where {@code VIRTBENCH_REQUIRE_NATIVE=1} is set and .ci/run installs the
 * tools.
 */
public final class NativeTools {
    private NativeTools() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("VIRTBENCH_REQUIRE_NATIVE"));
    }

    /** Skips the calling test when {@code tool} is missing, unless native tools are required. */
    public static void assumeInstalled(String tool) {
        boolean present = NativeTool.find(tool).isPresent();
        if (!present && required()) {
            throw new AssertionError(tool + " is not installed, but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(present, tool + " is not installed; skipping (CI requires it)");
    }

    /**
     * Skips the calling test when {@code present} is false (a facility this machine lacks: a file
     * system with O_DIRECT, a block device, a database server), unless native tools are required:
     * CI's machine has them all, so there the test fails instead of skipping silently.
     */
    public static void assumeAvailable(boolean present, String what) {
        if (!present && required()) {
            throw new AssertionError(what + ", but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(present, what + "; skipping (CI requires it)");
    }
}

package io.virtbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.protocol.Iperf3;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crosscheck runs all four client/server combinations and compares them (not a benchmark: 1 s tests). */
class NetCrosscheckTest {
    @TempDir
    Path tmp;

    @Test
    void allFourCombinationsRunAndAreCompared() throws Exception {
        NativeTools.assumeInstalled("iperf3");
        Net.Capture out = new Net.Capture();
        Net.Capture err = new Net.Capture();
        Output o = new Output(OutputFormat.TEXT, out.stream, err.stream, tmp, "test", StopSignal.never());
        NetCrosscheck.Report r = NetCrosscheck.run(Net.client(Iperf3.DEFAULT_PORT, 1, true, false, false, 1), 1, o, false);
        assertEquals(4, r.runs().size());
        for (NetCrosscheck.Combo c : NetCrosscheck.Combo.values()) {
            assertTrue(r.median(c, Iperf3Json.SUM_RECEIVED_MBPS) > 0, c + ": " + out.text());
            assertTrue(r.median(c, Iperf3Json.JITTER_MS) >= 0, c.label());
        }
        String text = out.text();
        assertTrue(text.contains("iperf3 -> iperf3"), text);
        assertTrue(text.contains("virtbench -> virtbench"), text);
        assertTrue(text.contains("virtbench -> iperf3"), text);
        assertTrue(text.contains("iperf3 -> virtbench"), text);
        assertTrue(text.contains("medians, and ratio to iperf3 -> iperf3:"), text);
        try (var files = Files.list(tmp)) {
            assertEquals(4, files.count(), "every run's result written");
        }
    }
}

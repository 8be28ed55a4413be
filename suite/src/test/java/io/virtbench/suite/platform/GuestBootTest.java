package io.virtbench.suite.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virtbench.core.host.HostProbe;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestBootTest {
    @TempDir
    Path tmp;

    @Test
    void launchToReadyIsABootResultLabelledWithThePlatformAndWhatTheGuestDetected() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("platform", "gvisor");
        doc.put("host", HostProbe.probe(null).withDetectedPlatform("gvisor"));
        Path sysinfo = tmp.resolve(GuestScript.SYSINFO);
        Files.writeString(sysinfo, ResultFiles.toJson(doc));
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        RunResult r = GuestBoot.result("sandbox", new GuestBoot.Launch(1_000_000_000L, t, "runsc run x"),
                new GuestBoot.Ready(1_750_000_000L, t.plusMillis(750)), sysinfo);
        RunResult back = ResultFiles.read(ResultFiles.write(tmp.resolve("steps"), r));
        assertEquals("boot", back.workload());
        assertEquals(0.75, back.value(GuestBoot.BOOT_TIME), 1e-12);
        assertEquals("sandbox", back.host().platform());
        assertEquals("gvisor", back.host().detectedPlatform());
        assertEquals("runsc run x", back.parameters().get("launch"));
    }

    @Test
    void withoutTheGuestsSysinfoItIsLabelledButClaimsNoDetection() {
        var h = GuestBoot.guestHost(tmp.resolve("missing.json"), "runc");
        assertEquals("runc", h.platform());
        assertNull(h.detectedPlatform(), "this machine's detection would mislabel the guest");
    }
}

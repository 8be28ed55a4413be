package io.virtbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.host.HostProbe;
import io.virtbench.core.stats.Histograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    @TempDir
    Path dir;

    static RunResult sample() {
        Histogram h = Histograms.newNanosHistogram();
        h.recordValue(1_500_000);
        h.recordValue(2_500_000);
        return RunResult.builder("cpu")
                .test("primes")
                .start(Instant.parse("2026-11-27T10:00:00.123456789Z"))
                .end(Instant.parse("2026-11-27T10:00:10Z"))
                .parameter("cpu-max-prime", 10000)
                .parameter("time", 10.0)
                .parameter("flags", List.of("direct", 1))
                .nativeCommand("sysbench cpu --cpu-max-prime=10000 run")
                .higher("events_per_second", 2058.1, "events/s")
                .latency(LatencySummary.ofHistogram(h, 95))
                .interval(new Interval(1, 1.0002, Map.of("events_per_second", 2050.0)))
                .error("java.io.IOException", 2)
                .detail("filesystem", "ext4")
                .host(HostProbe.probe("metal"))
                .build()
                .withOwnFootprint();
    }

    @Test
    void writesAtomicallyAndReadsBackEqual() throws IOException {
        RunResult r = sample();
        Path f = ResultFiles.write(dir, r);
        assertTrue(f.getFileName().toString().startsWith("20261127T100000.123Z-metal-cpu-primes-r1"), f.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file left behind");
        }
        RunResult back = ResultFiles.read(f);
        assertEquals(r, back);
        assertEquals(2, back.latency().decodeHistogram().getTotalCount());
        assertTrue(back.jvm().peakRssBytes() >= back.jvm().rssBytes(), "the JVM's own footprint is kept");
    }

    @Test
    void neverOverwritesAnEarlierResult() {
        Path a = ResultFiles.write(dir, sample());
        Path b = ResultFiles.write(dir, sample());
        assertNotEquals(a, b);
    }

    @Test
    void refusesAFileThatIsNotAResult() throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"hello\": 1}");
        assertThrows(IOException.class, () -> ResultFiles.read(f));
    }

    @Test
    void hostInfoDescribesThisMachine() {
        var h = HostProbe.probe("kvm");
        assertEquals("kvm", h.platform());
        assertTrue(h.cpuCores() >= 1);
        assertTrue(h.memoryBytes() > 0);
        assertTrue(h.jvmVersion() != null && h.jvmVendor() != null);
    }
}

package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virtbench.core.host.JvmFootprint;
import io.virtbench.core.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code report --format runs} carries what virtbench's own JVM cost per run, and nothing for a native tool's run. */
class RunsCsvFootprintTest {
    @Test
    void eachRunHasItsJvmsPeakRssHeapAndCpuTime() {
        JvmFootprint jvm = new JvmFootprint(61_000_000L, 58_000_000L, 64_880_640L, 8_388_608L, "Copy, MarkSweepCompact",
                List.of(), 1.5, 0.25, 1.75, 0.1, 3.0);
        List<RunResult> rs = new ArrayList<>();
        for (double v : new double[] {1000, 1010, 990}) {
            rs.add(Results.run("metal", "cpu", null, "events_per_second", v, "threads", 1).withJvm(jvm));
            rs.add(Results.run("kvm", "cpu", null, "events_per_second", v, "threads", 1).toBuilder().tool("sysbench").build());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunsCsv.print(Comparison.compare(rs, Scheme.study(), "metal", 0.05), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> head = List.of(lines.get(0).split(","));
        int peak = head.indexOf("jvm_peak_rss_bytes");
        int heap = head.indexOf("jvm_max_heap_bytes");
        int cpu = head.indexOf("jvm_cpu_seconds");
        List<String[]> metal = lines.stream().filter(l -> l.contains(",metal,")).map(l -> l.split(",", -1)).toList();
        List<String[]> kvm = lines.stream().filter(l -> l.contains(",kvm,")).map(l -> l.split(",", -1)).toList();
        assertEquals(3, metal.size(), lines.toString());
        assertEquals(3, kvm.size(), lines.toString());
        for (String[] row : metal) {
            assertEquals("61000000", row[peak]);
            assertEquals("64880640", row[heap]);
            assertEquals("1.75", row[cpu]);
        }
        for (String[] row : kvm) {
            assertEquals("", row[peak] + row[heap] + row[cpu], "sysbench's runs cost virtbench's JVM nothing");
        }
    }
}

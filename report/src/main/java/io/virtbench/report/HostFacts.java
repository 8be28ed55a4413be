package io.virtbench.report;

import io.virtbench.core.host.HostInfo;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a platform's results were measured, as their result files say: one entry per distinct
 * machine description. Results imported from native logs say nothing but the label.
 *
 * @param results how many results carry this description
 */
public record HostFacts(String platform, String detectedPlatform, String cpuModel, int cpuCores, long memoryBytes,
                        String os, String kernel, String arch, String jvm, Double cgroupCpuLimit, Long cgroupMemoryLimit,
                        int results) {

    /** True when the results said nothing about the machine (imported native logs). */
    public boolean unknown() {
        return detectedPlatform == null && cpuModel == null && cpuCores == 0 && memoryBytes == 0 && kernel == null
                && jvm == null;
    }

    /** One line: "Intel Q6600, 4 cores, 3.8 GiB, Linux 5.4.0, JDK 17.0.9; detected kvm". */
    public String describe() {
        if (unknown()) {
            return "no host facts recorded (imported native logs)";
        }
        List<String> parts = new ArrayList<>();
        add(parts, cpuModel);
        if (cpuCores > 0) {
            parts.add(cpuCores + " cores" + (cgroupCpuLimit != null ? " (cgroup limit " + Fmt.num(cgroupCpuLimit) + ")" : ""));
        }
        if (memoryBytes > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "%.1f GiB", memoryBytes / 1073741824.0)
                    + (cgroupMemoryLimit != null ? String.format(java.util.Locale.ROOT, " (cgroup limit %.1f GiB)",
                    cgroupMemoryLimit / 1073741824.0) : ""));
        }
        add(parts, os == null && kernel == null ? null : (os == null ? "" : os + " ") + (kernel == null ? "" : kernel));
        add(parts, arch);
        add(parts, jvm);
        return String.join(", ", parts) + "; detected: " + (detectedPlatform == null ? "-" : detectedPlatform);
    }

    private static void add(List<String> parts, String s) {
        if (s != null && !s.isBlank()) {
            parts.add(s.strip());
        }
    }

    static List<HostFacts> of(List<RunResult> results, List<String> platforms) {
        Map<List<Object>, HostFacts> seen = new LinkedHashMap<>();
        for (RunResult r : results) {
            HostFacts h = from(Platforms.of(r), r.host());
            List<Object> key = List.of(h.platform, Objects.toString(h.detectedPlatform), Objects.toString(h.cpuModel),
                    h.cpuCores, h.memoryBytes, Objects.toString(h.os), Objects.toString(h.kernel), Objects.toString(h.arch),
                    Objects.toString(h.jvm), Objects.toString(h.cgroupCpuLimit), Objects.toString(h.cgroupMemoryLimit));
            HostFacts old = seen.get(key);
            seen.put(key, old == null ? h : old.plusOne());
        }
        List<HostFacts> out = new ArrayList<>(seen.values());
        out.sort(java.util.Comparator.comparingInt(h -> platforms.indexOf(h.platform)));
        return List.copyOf(out);
    }

    private HostFacts plusOne() {
        return new HostFacts(platform, detectedPlatform, cpuModel, cpuCores, memoryBytes, os, kernel, arch, jvm,
                cgroupCpuLimit, cgroupMemoryLimit, results + 1);
    }

    private static HostFacts from(String platform, HostInfo h) {
        if (h == null) {
            return new HostFacts(platform, null, null, 0, 0, null, null, null, null, null, null, 1);
        }
        String jvm = h.jvmVersion() == null ? null : (h.jvmName() != null ? h.jvmName() + " " : "JVM ") + h.jvmVersion();
        return new HostFacts(platform, h.detectedPlatform(), h.cpuModel(), h.cpuCores(), h.memoryBytes(), h.os(), h.kernel(),
                h.arch(), jvm, h.cgroupCpuLimit(), h.cgroupMemoryLimit(), 1);
    }
}

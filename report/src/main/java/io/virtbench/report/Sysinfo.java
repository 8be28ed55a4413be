package io.virtbench.report;

import io.virtbench.core.UserException;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.host.PlatformDetector;
import io.virtbench.core.result.ResultFiles;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code virtbench sysinfo}: where virtbench runs, the evidence for it, and the host facts every result records. */
public final class Sysinfo {
    private Sysinfo() {
    }

    public static void print(PlatformDetector.Detection d, HostInfo h, String format, PrintStream out) {
        switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> text(d, h, out);
            case "json" -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("platform", d.label());
                doc.put("detection", d);
                doc.put("host", h);
                out.println(ResultFiles.toJson(doc));
            }
            default -> throw UserException.usage("invalid value for --format: '" + format + "' (expected text or json)");
        }
        out.flush();
    }

    private static void text(PlatformDetector.Detection d, HostInfo h, PrintStream out) {
        out.println("platform: " + d.label());
        out.printf("  hypervisor:   %s%n", dash(d.hypervisor()));
        out.printf("  container:    %s%n", dash(d.container()));
        out.printf("  sandbox:      %s%n", dash(d.sandbox()));
        out.printf("  orchestrator: %s%n", dash(d.orchestrator()));
        out.println("evidence:");
        for (PlatformDetector.Evidence e : d.evidence()) {
            out.println("  " + e);
        }
        out.println("host:");
        out.printf("  hostname:     %s%n", dash(h.hostname()));
        out.printf("  os:           %s %s (%s)%n", dash(h.os()), dash(h.kernel()), dash(h.arch()));
        out.printf("  cpu:          %s, %d processor(s) available%n", dash(h.cpuModel()), h.cpuCores());
        out.printf("  memory:       %s%n", h.memoryBytes() > 0 ? String.format(Locale.ROOT, "%.1f GiB", h.memoryBytes() / 1073741824.0) : "-");
        out.printf("  cgroup:       %s%s%s%n", h.cgroupVersion() == 0 ? "-" : "v" + h.cgroupVersion(),
                h.cgroupCpuLimit() != null ? String.format(Locale.ROOT, ", CPU limit %.2f", h.cgroupCpuLimit()) : "",
                h.cgroupMemoryLimit() != null ? String.format(Locale.ROOT, ", memory limit %.1f GiB", h.cgroupMemoryLimit() / 1073741824.0) : "");
        out.printf("  jvm:          %s %s (%s)%n", dash(h.jvmName()), dash(h.jvmVersion()), dash(h.jvmVendor()));
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}

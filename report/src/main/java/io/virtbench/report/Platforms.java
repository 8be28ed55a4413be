package io.virtbench.report;

import io.virtbench.core.host.HostInfo;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Platform labels: the study's names and their aliases, the label a log's file name carries,
 * and the order platforms are shown in (baseline first, then the study's order).
 */
public final class Platforms {
    /** The study's platforms, in the order its tables list them. */
    public static final List<String> STUDY_ORDER = List.of("metal", "kvm", "firecracker", "docker", "gvisor");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("metal", "metal"), Map.entry("baremetal", "metal"), Map.entry("bare-metal", "metal"),
            Map.entry("bare_metal", "metal"), Map.entry("host", "metal"),
            Map.entry("vm", "kvm"), Map.entry("kvm", "kvm"), Map.entry("qemu", "kvm"), Map.entry("qemu-kvm", "kvm"),
            Map.entry("libvirt", "kvm"),
            Map.entry("firecracker", "firecracker"), Map.entry("fc", "firecracker"),
            Map.entry("docker", "docker"), Map.entry("runc", "docker"), Map.entry("docker-runc", "docker"),
            Map.entry("docker-gvisor", "gvisor"), Map.entry("gvisor", "gvisor"), Map.entry("runsc", "gvisor"),
            Map.entry("docker-runsc", "gvisor"));

    private Platforms() {
    }

    /** The canonical label: the study's name for a known alias ("vm" → "kvm"), else the label lower-cased. */
    public static String normalize(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String l = label.strip().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(l, l);
    }

    /**
     * The platform a log's file name names, as the study named its logs
     * ({@code 2020-12-22T05:35:42+0200-vm-database.log} → kvm,
     * {@code ...-docker-gvisor-cpu.log} → gvisor), or null.
     */
    public static String fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        List<String> tokens = List.of(n.split("[^a-z0-9]+"));
        if (n.contains("docker-gvisor") || tokens.contains("gvisor") || tokens.contains("runsc")) {
            return "gvisor";
        }
        if (tokens.contains("firecracker")) {
            return "firecracker";
        }
        if (tokens.contains("docker") || tokens.contains("runc")) {
            return "docker";
        }
        if (tokens.contains("vm") || tokens.contains("kvm") || tokens.contains("qemu")) {
            return "kvm";
        }
        if (tokens.contains("metal") || tokens.contains("baremetal")) {
            return "metal";
        }
        return null;
    }

    /** A result's platform: its --platform label, else what virtbench detected, else "unknown". */
    public static String of(RunResult r) {
        HostInfo h = r.host();
        if (h != null && h.platform() != null && !h.platform().isBlank()) {
            return normalize(h.platform());
        }
        if (h != null && h.detectedPlatform() != null && !h.detectedPlatform().isBlank()) {
            return normalize(h.detectedPlatform());
        }
        return "unknown";
    }

    /** Baseline first, then the study's platforms in its order, then the rest alphabetically. */
    public static List<String> order(java.util.Collection<String> platforms, String baseline) {
        List<String> out = new ArrayList<>(platforms);
        out.sort(Comparator.comparingInt((String p) -> p.equals(baseline) ? -1
                : STUDY_ORDER.contains(p) ? STUDY_ORDER.indexOf(p) : STUDY_ORDER.size()).thenComparing(p -> p));
        return out;
    }
}

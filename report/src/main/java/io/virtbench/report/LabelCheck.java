package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether what a result detected itself to be fits the kind its platform label names: metal (or
 * host) runs in no container or sandbox, kvm and firecracker in a VM, docker (runc, crun, podman...)
 * in a container, gvisor (runsc) in gVisor. A label of no known kind, or a result with no detection
 * (an imported log), is not checked. A mismatch is a warning, once per label and detection.
 */
final class LabelCheck {
    private static final Set<String> HYPERVISORS = Set.of("kvm", "firecracker", "xen", "vmware", "hyperv", "virtualbox",
            "wsl", "vm", "parallels", "bhyve", "cloud-hypervisor");
    private static final Set<String> CONTAINER_LABELS = Set.of("docker", "crun", "youki", "podman", "container", "containerd",
            "lxc", "cri-o", "kubernetes");

    private LabelCheck() {
    }

    static List<String> warnings(List<RunResult> results) {
        Set<String> out = new LinkedHashSet<>();
        for (RunResult r : results) {
            if (r.host() == null || r.host().platform() == null || r.host().detectedPlatform() == null || clientSide(r)) {
                continue;
            }
            String label = r.host().platform();
            String expected = mismatch(Platforms.normalize(label), r.host().detectedPlatform());
            if (expected != null) {
                out.add("platform " + label + ": its runs detected '" + r.host().detectedPlatform() + "', but the label names "
                        + expected);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * A client's result (net client, HTTP bench, OLTP, latency) measures the platform its server
     * runs on, while its own detection tells where the client ran: outside the guest in the
     * study's placement ({@code suite --on} runs the clients on the host). So it says nothing
     * about the label, and a check would warn for every guest.
     */
    static boolean clientSide(RunResult r) {
        return switch (r.workload()) {
            case "http", "oltp", "net-latency" -> true;
            case "net" -> "client".equals(String.valueOf(r.parameters().get("role")));
            default -> false;
        };
    }

    /** What the label's kind expects when {@code detected} does not fit it, else null. */
    static String mismatch(String label, String detected) {
        String d = detected.strip().toLowerCase(Locale.ROOT);
        String inner;
        String hypervisor;
        int on = d.indexOf(" on ");
        if (d.equals("metal")) {
            inner = null;
            hypervisor = null;
        } else if (on >= 0) {
            inner = d.substring(0, on);
            hypervisor = d.substring(on + 4);
        } else if (HYPERVISORS.contains(d)) {
            inner = null;
            hypervisor = d;
        } else {
            inner = d;
            hypervisor = null;
        }
        boolean sandbox = inner != null && inner.startsWith("gvisor");
        if (label.equals("metal")) {
            return inner == null ? null : "no container or sandbox";
        }
        if (label.equals("kvm") || label.equals("firecracker")) {
            return inner == null && hypervisor != null ? null : "a virtual machine";
        }
        if (label.equals("gvisor")) {
            return sandbox ? null : "gVisor";
        }
        if (CONTAINER_LABELS.contains(label)) {
            return inner != null && !sandbox ? null : "a container";
        }
        return null;
    }
}

package io.virtbench.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detects where virtbench runs — bare metal, a hypervisor (KVM/QEMU, Firecracker, Xen, VMware,
 * Hyper-V, VirtualBox, WSL), a container (Docker, Podman, LXC, Kubernetes, containerd, CRI-O)
 * or a sandbox (gVisor) — from the marks each leaves in /proc, /sys, a few files in / and the
 * environment, and keeps the evidence for every conclusion.
 *
 * <p>Layers are detected separately: a Docker container on a KVM guest is
 * {@code container=docker, hypervisor=kvm}, labelled "docker on kvm". Inside a container /sys
 * and /proc/cpuinfo show the machine the container runs on, so the hypervisor is that
 * machine's. Every file is optional; {@code root} is "/" except in tests, which point it at
 * captured files.
 */
public final class PlatformDetector {

    /** gVisor's Sentry reports this fixed build string as the kernel version (its syscall table's "uname"). */
    static final String GVISOR_KERNEL_VERSION = "#1 SMP Sun Jan 10 15:06:54 PST 2016";

    /** DMI vendor and product strings of hypervisors, matched as substrings (case-insensitive), first match wins. */
    private static final String[][] DMI_MARKS = {
            // {DMI field, substring, hypervisor, what it is}
            {"sys_vendor", "QEMU", "kvm", "QEMU machine (KVM or TCG)"},
            {"product_name", "KVM", "kvm", "KVM guest"},
            {"sys_vendor", "OpenStack", "kvm", "OpenStack Nova guest (KVM)"},
            {"product_name", "OpenStack", "kvm", "OpenStack Nova guest (KVM)"},
            {"sys_vendor", "KubeVirt", "kvm", "KubeVirt guest (KVM)"},
            {"sys_vendor", "Amazon EC2", "kvm", "Amazon EC2 Nitro instance (KVM based)"},
            {"sys_vendor", "Google", "kvm", "Google Compute Engine (KVM based)"},
            {"bios_vendor", "SeaBIOS", "kvm", "SeaBIOS firmware (QEMU/KVM)"},
            {"product_name", "Standard PC (", "kvm", "QEMU's standard PC machine type"},
            {"sys_vendor", "VMware", "vmware", "VMware virtual machine"},
            {"product_name", "VMware", "vmware", "VMware virtual machine"},
            {"sys_vendor", "innotek GmbH", "virtualbox", "VirtualBox virtual machine"},
            {"product_name", "VirtualBox", "virtualbox", "VirtualBox virtual machine"},
            {"sys_vendor", "Xen", "xen", "Xen HVM guest"},
            {"product_name", "HVM domU", "xen", "Xen HVM guest"},
            {"sys_vendor", "Parallels", "parallels", "Parallels virtual machine"},
            {"sys_vendor", "BHYVE", "bhyve", "bhyve virtual machine"},
            {"sys_vendor", "Cloud Hypervisor", "cloud-hypervisor", "Cloud Hypervisor guest"},
            {"bios_vendor", "EFI Development Kit II / OVMF", "kvm", "OVMF firmware (QEMU/KVM)"},
    };

    private final Path root;
    private final Map<String, String> env;

    /**
     * @param root directory standing for "/" (tests: captured files)
     * @param env  the process environment as seen there ({@code System.getenv()} on a real system)
     */
    public PlatformDetector(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env == null ? Map.of() : env;
    }

    /** Detects this machine. */
    public static Detection detectHere() {
        return new PlatformDetector(Path.of("/"), System.getenv()).detect();
    }

    /** One finding: where it was read and what it says. */
    public record Evidence(String source, String finding) {
        @Override
        public String toString() {
            return source + ": " + finding;
        }
    }

    /**
     * The conclusion.
     *
     * @param platform     the label: the innermost layer (sandbox, else container, else hypervisor, else metal)
     * @param hypervisor   kvm, firecracker, xen, vmware, hyperv, virtualbox, wsl, vm (unknown), or null on bare metal
     * @param container    docker, podman, lxc, containerd, cri-o, container (unknown engine), or null
     * @param sandbox      gvisor, or null
     * @param orchestrator kubernetes, or null
     * @param evidence     every finding, in the order checked
     */
    public record Detection(String platform, String hypervisor, String container, String sandbox,
                            String orchestrator, List<Evidence> evidence) {

        /** "gvisor", "docker on kvm", "kubernetes (containerd) on vmware", "metal". */
        public String label() {
            String inner = sandbox != null ? sandbox
                    : orchestrator != null ? orchestrator + (container != null && !"container".equals(container)
                    ? " (" + container + ")" : "")
                    : container;
            if (inner == null) {
                return hypervisor != null ? hypervisor : "metal";
            }
            return hypervisor != null ? inner + " on " + hypervisor : inner;
        }
    }

    public Detection detect() {
        List<Evidence> ev = new ArrayList<>();
        String sandbox = sandbox(ev);
        String container = container(ev, sandbox != null);
        String orchestrator = orchestrator(ev);
        String hypervisor = hypervisor(ev, sandbox != null);
        String platform = sandbox != null ? sandbox : orchestrator != null ? orchestrator
                : container != null ? container : hypervisor != null ? hypervisor : "metal";
        return new Detection(platform, hypervisor, container, sandbox, orchestrator, List.copyOf(ev));
    }

    // ---- sandbox -------------------------------------------------------------------------

    private String sandbox(List<Evidence> ev) {
        String version = file("proc/version");
        boolean gvisor = false;
        if (version != null && (version.contains(GVISOR_KERNEL_VERSION) || version.toLowerCase(Locale.ROOT).contains("gvisor"))) {
            ev.add(new Evidence("/proc/version", "'" + version.strip() + "' is gVisor's fixed kernel version string"));
            gvisor = true;
        }
        String mounts = file("proc/self/mountinfo");
        if (gvisor && mounts != null) {
            for (String line : mounts.split("\n")) {
                if (line.contains(" 9p ") && line.contains("trans=fd")) {
                    ev.add(new Evidence("/proc/self/mountinfo", "9p mount over a file descriptor (gVisor's gofer): "
                            + mountPoint(line)));
                    break;
                }
            }
        }
        return gvisor ? "gvisor" : null;
    }

    // ---- containers ----------------------------------------------------------------------

    private String container(List<Evidence> ev, boolean sandboxed) {
        String cgroups = join(file("proc/1/cgroup"), file("proc/self/cgroup"));
        String mounts = file("proc/self/mountinfo");
        String rootFs = rootFileSystem(mounts);
        String containerEnv = containerEnvironmentVariable();
        String engine = podman(ev, containerEnv);
        if (engine == null) {
            engine = docker(ev, cgroups, mounts, rootFs, containerEnv, sandboxed);
        }
        if (engine == null) {
            engine = lxcOrRuntime(ev, cgroups, containerEnv);
        }
        if (engine != null) {
            return engine;
        }
        String systemdContainer = file("run/systemd/container");
        if (containerEnv != null || systemdContainer != null) {
            String what = containerEnv != null ? containerEnv : systemdContainer.strip();
            ev.add(new Evidence(containerEnv != null ? "environment" : "/run/systemd/container", "container=" + what));
            return "systemd-nspawn".equals(what) ? "systemd-nspawn" : what.isEmpty() ? "container" : what;
        }
        if (rootFs != null && rootFs.equals("overlay") && !sandboxed) {
            ev.add(new Evidence("/proc/self/mountinfo", "/ is an overlay file system, as in most containers"));
            return "container";
        }
        return null;
    }

    /** Podman (and other OCI engines) write /run/.containerenv. */
    private String podman(List<Evidence> ev, String containerEnv) {
        String containerenv = file("run/.containerenv");
        if (containerenv != null || "podman".equals(containerEnv)) {
            String engine = null;
            if (containerenv != null) {
                for (String line : containerenv.split("\n")) {
                    if (line.startsWith("engine=")) {
                        engine = line.substring(7).replace("\"", "").strip();
                    }
                }
                ev.add(new Evidence("/run/.containerenv", "present" + (engine != null ? ", engine=" + engine : "")
                        + " (written by Podman)"));
            }
            if ("podman".equals(containerEnv)) {
                ev.add(new Evidence("environment", "container=podman"));
            }
            return engine == null || engine.startsWith("podman") ? "podman" : "container";
        }
        return null;
    }

    private String docker(List<Evidence> ev, String cgroups, String mounts, String rootFs, String containerEnv,
            boolean sandboxed) {
        boolean dockerenv = exists(".dockerenv");
        String dockerMount = mounts == null ? null : firstLineContaining(mounts, "/docker/containers/", "/var/lib/docker/");
        String dockerCgroup = cgroups == null ? null : firstLineContaining(cgroups, "/docker/", "/docker-");
        if (dockerMount != null) {
            ev.add(new Evidence("/proc/self/mountinfo", "Docker's container files mounted: " + mountSource(dockerMount)));
        }
        if (dockerCgroup != null) {
            ev.add(new Evidence("/proc/1/cgroup", "Docker cgroup: " + dockerCgroup.strip()));
        }
        if (dockerenv) {
            boolean overlay = rootFs != null && rootFs.equals("overlay");
            if (dockerMount != null || dockerCgroup != null || overlay || sandboxed) {
                ev.add(new Evidence("/.dockerenv", "present (Docker creates it in every container)"
                        + (overlay ? "; / is an overlay file system" : "")));
            } else {
                ev.add(new Evidence("/.dockerenv", "present, but no other Docker mark"
                        + (rootFs != null ? " and / is " + rootFs + ", not overlay" : "")
                        + ": an image built with Docker, not a running container"));
                dockerenv = false;
            }
        }
        if (dockerenv || dockerMount != null || dockerCgroup != null || "docker".equals(containerEnv)) {
            return "docker";
        }
        return null;
    }

    private String lxcOrRuntime(List<Evidence> ev, String cgroups, String containerEnv) {
        String lxc = cgroups == null ? null : firstLineContaining(cgroups, "/lxc/", "/lxc.payload", "/lxc.monitor");
        if (lxc != null || "lxc".equals(containerEnv) || "lxc-libvirt".equals(containerEnv)) {
            if (lxc != null) {
                ev.add(new Evidence("/proc/1/cgroup", "LXC cgroup: " + lxc.strip()));
            }
            if (containerEnv != null) {
                ev.add(new Evidence("environment", "container=" + containerEnv));
            }
            return "lxc";
        }
        if (exists("dev/.lxc-boot-id") || exists("dev/.lxc")) {
            ev.add(new Evidence("/dev/.lxc-boot-id", "present (created by LXC)"));
            return "lxc";
        }
        String containerd = cgroups == null ? null : firstLineContaining(cgroups, "cri-containerd", "/containerd/");
        if (containerd != null) {
            ev.add(new Evidence("/proc/1/cgroup", "containerd cgroup: " + containerd.strip()));
            return "containerd";
        }
        String crio = cgroups == null ? null : firstLineContaining(cgroups, "crio-", "/crio/");
        if (crio != null) {
            ev.add(new Evidence("/proc/1/cgroup", "CRI-O cgroup: " + crio.strip()));
            return "cri-o";
        }
        return null;
    }

    private String orchestrator(List<Evidence> ev) {
        String cgroups = join(file("proc/1/cgroup"), file("proc/self/cgroup"));
        boolean k8s = false;
        if (env.containsKey("KUBERNETES_SERVICE_HOST")) {
            ev.add(new Evidence("environment", "KUBERNETES_SERVICE_HOST=" + env.get("KUBERNETES_SERVICE_HOST")));
            k8s = true;
        }
        if (exists("var/run/secrets/kubernetes.io/serviceaccount") || exists("run/secrets/kubernetes.io/serviceaccount")) {
            ev.add(new Evidence("/var/run/secrets/kubernetes.io/serviceaccount", "present (a pod's service account)"));
            k8s = true;
        }
        String kubepods = cgroups == null ? null : firstLineContaining(cgroups, "kubepods");
        if (kubepods != null) {
            ev.add(new Evidence("/proc/1/cgroup", "pod cgroup: " + kubepods.strip()));
            k8s = true;
        }
        return k8s ? "kubernetes" : null;
    }

    /** The "container" variable: ours, or PID 1's (systemd and LXC set it). */
    private String containerEnvironmentVariable() {
        String v = env.get("container");
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        String environ = file("proc/1/environ");
        if (environ != null) {
            for (String kv : environ.split("\0")) {
                if (kv.startsWith("container=") && kv.length() > 10) {
                    return kv.substring(10).strip();
                }
            }
        }
        return null;
    }

    // ---- hypervisors ---------------------------------------------------------------------

    private String hypervisor(List<Evidence> ev, boolean sandboxed) {
        String version = file("proc/version");
        if (version != null && version.toLowerCase(Locale.ROOT).contains("microsoft")) {
            ev.add(new Evidence("/proc/version", "'" + version.strip() + "' names Microsoft's WSL kernel"));
            return "wsl";
        }
        if (env.containsKey("WSL_DISTRO_NAME") || env.containsKey("WSL_INTEROP")) {
            ev.add(new Evidence("environment", "WSL_DISTRO_NAME/WSL_INTEROP set (Windows Subsystem for Linux)"));
            return "wsl";
        }
        String xenType = file("sys/hypervisor/type");
        if (xenType != null && !xenType.isBlank()) {
            ev.add(new Evidence("/sys/hypervisor/type", xenType.strip()));
            if (xenType.strip().equals("xen")) {
                return "xen";
            }
        }
        String xenCaps = file("proc/xen/capabilities");
        if (xenCaps != null || Files.isDirectory(root.resolve("proc/xen"))) {
            boolean dom0 = xenCaps != null && xenCaps.contains("control_d");
            ev.add(new Evidence("/proc/xen", dom0 ? "capabilities 'control_d': Xen dom0 (the control domain)" : "present: Xen guest"));
            return "xen";
        }
        boolean flag = cpuHypervisorFlag();
        String cpuinfo = file("proc/cpuinfo");
        if (cpuinfo != null) {
            ev.add(new Evidence("/proc/cpuinfo", flag ? "CPU flag 'hypervisor' present: running under a hypervisor"
                    : "no CPU flag 'hypervisor'"));
        }
        Map<String, String> dmi = dmi();
        if (!dmi.isEmpty()) {
            StringBuilder seen = new StringBuilder();
            dmi.forEach((k, v) -> seen.append(seen.length() > 0 ? ", " : "").append(k).append("='").append(v).append('\''));
            for (String[] mark : DMI_MARKS) {
                String v = dmi.get(mark[0]);
                if (v != null && v.toLowerCase(Locale.ROOT).contains(mark[1].toLowerCase(Locale.ROOT))) {
                    ev.add(new Evidence("/sys/class/dmi/id", seen + ": " + mark[3]));
                    return mark[2];
                }
            }
            String vendor = dmi.getOrDefault("sys_vendor", "");
            String product = dmi.getOrDefault("product_name", "");
            if (vendor.startsWith("Microsoft") && product.contains("Virtual Machine")) {
                ev.add(new Evidence("/sys/class/dmi/id", seen + ": Hyper-V virtual machine"));
                return "hyperv";
            }
            ev.add(new Evidence("/sys/class/dmi/id", seen + (flag ? ": no known hypervisor vendor" : ": a physical machine's firmware")));
        }
        String cmdline = file("proc/cmdline");
        if (cmdline != null && cmdline.contains("virtio_mmio.device=")) {
            ev.add(new Evidence("/proc/cmdline", "virtio_mmio.device= entries: virtio devices on MMIO, as Firecracker passes them"));
            return "firecracker";
        }
        if (!flag) {
            if (cpuinfo == null && dmi.isEmpty()) {
                ev.add(new Evidence("/proc/cpuinfo", "not readable: assuming bare metal"));
            }
            return null;
        }
        if (sandboxed) {
            ev.add(new Evidence("gVisor", "synthesises /proc/cpuinfo and /sys: the machine underneath is not identified"));
            return "vm";
        }
        if (dmi.isEmpty() && Files.isDirectory(root.resolve("sys/devices"))) {
            String acpi = firecrackerAcpiDevices();
            ev.add(new Evidence("/sys/class/dmi/id", "absent: the hypervisor provides no SMBIOS/DMI table, as Firecracker"
                    + (acpi != null ? "; ACPI devices " + acpi : "")));
            return "firecracker";
        }
        if (cpuinfo != null && cpuinfo.contains("QEMU Virtual CPU")) {
            ev.add(new Evidence("/proc/cpuinfo", "model 'QEMU Virtual CPU'"));
            return "kvm";
        }
        return "vm";
    }

    /** Firecracker's ACPI devices (VM generation counter, vmclock), when its guest kernel lists them. */
    private String firecrackerAcpiDevices() {
        List<String> found = new ArrayList<>();
        for (String dir : new String[] {"sys/devices/platform", "sys/bus/acpi/devices"}) {
            for (String id : new String[] {"VMGENCTR", "AMZNC10C"}) {
                if (exists(dir + "/" + id + ":00") && !found.contains(id)) {
                    found.add(id);
                }
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    boolean cpuHypervisorFlag() {
        String cpuinfo = file("proc/cpuinfo");
        if (cpuinfo == null) {
            return false;
        }
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                for (String f : line.substring(colon + 1).strip().split("\\s+")) {
                    if (f.equals("hypervisor")) {
                        return true;
                    }
                }
                return false; // the first processor tells
            }
        }
        return false;
    }

    private Map<String, String> dmi() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : new String[] {"sys_vendor", "product_name", "bios_vendor", "board_vendor"}) {
            String v = file("sys/class/dmi/id/" + f);
            if (v != null && !v.isBlank()) {
                m.put(f, v.strip());
            }
        }
        return m;
    }

    // ---- helpers -------------------------------------------------------------------------

    /** The file system type of "/" from mountinfo (the last "/" mount wins), or null. */
    static String rootFileSystem(String mountinfo) {
        if (mountinfo == null) {
            return null;
        }
        String type = null;
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = indexOf(f, "-");
            if (dash > 4 && dash + 1 < f.length && f[4].equals("/")) {
                type = f[dash + 1];
            }
        }
        return type;
    }

    private static String mountPoint(String line) {
        String[] f = line.split(" ");
        return f.length > 4 ? f[4] : line;
    }

    private static String mountSource(String line) {
        String[] f = line.split(" ");
        return f.length > 4 ? f[3] + " on " + f[4] : line;
    }

    private static int indexOf(String[] a, String s) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** The first line containing the first needle, else the first containing the second... */
    private static String firstLineContaining(String text, String... needles) {
        for (String n : needles) {
            for (String line : text.split("\n")) {
                if (line.contains(n)) {
                    return line;
                }
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "\n" + b;
    }

    private boolean exists(String path) {
        try {
            return Files.exists(root.resolve(path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String file(String path) {
        try {
            Path p = root.resolve(path);
            if (!Files.isRegularFile(p)) {
                return null;
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

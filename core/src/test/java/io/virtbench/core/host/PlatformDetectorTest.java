package io.virtbench.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each platform's captured /proc, /sys and marker files under src/test/resources/platforms. */
class PlatformDetectorTest {
    private static final Path FIXTURES = Path.of("src/test/resources/platforms");

    private static PlatformDetector.Detection detect(String fixture, Map<String, String> env) {
        Path root = FIXTURES.resolve(fixture);
        assertTrue(Files.isDirectory(root), "fixture " + root.toAbsolutePath());
        return new PlatformDetector(root, env).detect();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // fixture        | label                          | hypervisor  | container  | evidence that must be shown
            "metal            | metal                          | -           | -          | no CPU flag 'hypervisor'",
            "kvm              | kvm                            | kvm         | -          | sys_vendor='QEMU'",
            "firecracker      | firecracker                    | firecracker | -          | virtio_mmio.device=",
            "firecracker-acpi | firecracker                    | firecracker | -          | no SMBIOS/DMI",
            "docker           | docker                         | -           | docker     | /var/lib/docker/containers/",
            "docker-on-kvm    | docker on kvm                  | kvm         | docker     | /etc/resolv.conf",
            "gvisor           | gvisor                         | -           | docker     | gVisor's fixed kernel version",
            "podman           | podman                         | -           | podman     | /run/.containerenv",
            "lxc              | lxc                            | -           | lxc        | container=lxc",
            "kubernetes       | kubernetes (containerd) on kvm | kvm         | containerd | kubepods",
            "wsl              | wsl                            | wsl         | -          | microsoft-standard-WSL2",
            "xen              | xen                            | xen         | -          | /sys/hypervisor/type",
            "vmware           | vmware                         | vmware      | -          | VMware virtual machine",
            "hyperv           | hyperv                         | hyperv      | -          | Hyper-V virtual machine",
            "virtualbox       | virtualbox                     | virtualbox  | -          | VirtualBox virtual machine",
    })
    void detectsEachPlatformFromItsMarks(String fixture, String label, String hypervisor, String container,
                                         String evidence) {
        PlatformDetector.Detection d = detect(fixture, Map.of());
        assertEquals(label, d.label(), d.evidence().toString());
        assertEquals(hypervisor, d.hypervisor(), d.evidence().toString());
        assertEquals(container, d.container(), d.evidence().toString());
        assertTrue(d.evidence().stream().anyMatch(e -> e.toString().contains(evidence)),
                "evidence mentions '" + evidence + "': " + d.evidence());
    }

    @Test
    void gvisorIsTheSandboxAndDockerTheEngine() {
        PlatformDetector.Detection d = detect("gvisor", Map.of());
        assertEquals("gvisor", d.platform());
        assertEquals("gvisor", d.sandbox());
        assertTrue(d.evidence().stream().anyMatch(e -> e.finding().contains("9p mount")), d.evidence().toString());
    }

    @Test
    void aDockerBuiltImageInAVmIsNotAContainer() {
        PlatformDetector.Detection d = detect("firecracker-acpi", Map.of());
        assertNull(d.container());
        assertTrue(d.evidence().stream().anyMatch(e -> e.source().equals("/.dockerenv")
                && e.finding().contains("not a running container")), d.evidence().toString());
        assertTrue(d.evidence().stream().anyMatch(e -> e.finding().contains("VMGENCTR")), d.evidence().toString());
    }

    @Test
    void environmentVariablesCount() {
        assertEquals("kubernetes", detect("metal", Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")).label());
        assertEquals("wsl", detect("metal", Map.of("WSL_DISTRO_NAME", "Ubuntu")).label());
        assertEquals("podman", detect("metal", Map.of("container", "podman")).label());
    }

    @Test
    void anEmptyRootIsMetalWithoutEvidenceFailures(@TempDir Path empty) {
        PlatformDetector.Detection d = new PlatformDetector(empty, Map.of()).detect();
        assertEquals("metal", d.label());
        assertFalse(d.evidence().isEmpty(), "says why");
    }

    @Test
    void unknownHypervisorWithDmiIsAVm(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cpuinfo"), "processor\t: 0\nflags\t\t: fpu hypervisor\n");
        Files.createDirectories(root.resolve("sys/class/dmi/id"));
        Files.writeString(root.resolve("sys/class/dmi/id/sys_vendor"), "Acme Virtual\n");
        assertEquals("vm", new PlatformDetector(root, Map.of()).detect().label());
    }

    @Test
    void rootFileSystemFromMountinfo() {
        assertEquals("overlay", PlatformDetector.rootFileSystem(
                "1 0 0:1 / /proc rw - proc proc rw\n2 1 0:2 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/a\n"));
        assertNull(PlatformDetector.rootFileSystem("garbage\n"));
    }

    @Test
    void hostProbeRecordsTheDetectedPlatform() {
        HostInfo h = new HostProbe(FIXTURES.resolve("docker-on-kvm")).read("docker");
        assertEquals("docker", h.platform());
        assertEquals("docker on kvm", h.detectedPlatform());
    }
}

package io.virtbench.core.host;

import java.util.List;

/**
 * Where a result was measured.
 *
 * @param platform            the user's {@code --platform} label (metal, kvm, firecracker, docker, gvisor...), or null
 * @param detectedPlatform    what virtbench detected itself, or null when not detected
 * @param hostname            the host name
 * @param os                  operating system name
 * @param kernel              kernel release
 * @param arch                CPU architecture
 * @param cpuModel            CPU model name (/proc/cpuinfo)
 * @param cpuCores            processors available to the JVM
 * @param memoryBytes         physical memory (/proc/meminfo MemTotal), or 0 if unknown
 * @param cgroupVersion       1 or 2, 0 when no cgroup information was found
 * @param cgroupCpuLimit      CPU limit in cores from the cgroup (cpu.max / cfs quota), null when unlimited
 * @param cgroupMemoryLimit   memory limit in bytes from the cgroup, null when unlimited
 * @param jvmVendor           java.vm.vendor
 * @param jvmVersion          java.runtime.version
 * @param jvmName             java.vm.name
 * @param jvmArguments        the JVM's input arguments (flags)
 */
public record HostInfo(String platform, String detectedPlatform, String hostname, String os, String kernel,
                       String arch, String cpuModel, int cpuCores, long memoryBytes, int cgroupVersion,
                       Double cgroupCpuLimit, Long cgroupMemoryLimit, String jvmVendor, String jvmVersion,
                       String jvmName, List<String> jvmArguments) {

    public HostInfo withPlatform(String label) {
        return new HostInfo(label, detectedPlatform, hostname, os, kernel, arch, cpuModel, cpuCores, memoryBytes,
                cgroupVersion, cgroupCpuLimit, cgroupMemoryLimit, jvmVendor, jvmVersion, jvmName, jvmArguments);
    }

    public HostInfo withDetectedPlatform(String detected) {
        return new HostInfo(platform, detected, hostname, os, kernel, arch, cpuModel, cpuCores, memoryBytes,
                cgroupVersion, cgroupCpuLimit, cgroupMemoryLimit, jvmVendor, jvmVersion, jvmName, jvmArguments);
    }
}

package io.virtbench.launcher;

import io.virtbench.core.host.HostProbe;
import io.virtbench.core.host.PlatformDetector;
import io.virtbench.report.Sysinfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sysinfo", mixinStandardHelpOptions = true,
        description = "Detect where virtbench runs (bare metal, KVM, Firecracker, Docker, gVisor, Podman, LXC, Kubernetes, "
                + "WSL, Xen, VMware, Hyper-V...) and print the evidence and the host facts every result records.")
final class SysinfoCommand implements Callable<Integer> {
    private final Streams streams;

    SysinfoCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json")
    String format;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", hidden = true,
            description = "read /proc, /sys and the marker files under DIR (captured files)")
    Path root;

    @Override
    public Integer call() {
        boolean here = root.toAbsolutePath().normalize().equals(Path.of("/"));
        PlatformDetector.Detection d = new PlatformDetector(root, here ? System.getenv() : Map.of()).detect();
        Sysinfo.print(d, new HostProbe(root).read(null), format, streams.out());
        return 0;
    }
}

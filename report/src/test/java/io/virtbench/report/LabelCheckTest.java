package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virtbench.core.host.HostInfo;
import io.virtbench.core.result.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelCheckTest {

    @Test
    void eachKindAcceptsWhatFitsIt() {
        assertNull(LabelCheck.mismatch("metal", "metal"));
        assertNull(LabelCheck.mismatch("metal", "firecracker"), "host on a VM: no container or sandbox, as the suite checks");
        assertNull(LabelCheck.mismatch("kvm", "kvm"));
        assertNull(LabelCheck.mismatch("firecracker", "firecracker"));
        assertNull(LabelCheck.mismatch("docker", "runc on firecracker"));
        assertNull(LabelCheck.mismatch("docker", "docker"));
        assertNull(LabelCheck.mismatch("podman", "podman on kvm"));
        assertNull(LabelCheck.mismatch("gvisor", "gvisor"));
        assertNull(LabelCheck.mismatch("gvisor", "gvisor on kvm"));
        assertNull(LabelCheck.mismatch("my-box", "docker"), "a label of no known kind is not checked");
    }

    @Test
    void eachKindNamesWhatItExpectedWhenTheDetectionDisagrees() {
        assertEquals("no container or sandbox", LabelCheck.mismatch("metal", "docker on kvm"));
        assertEquals("a virtual machine", LabelCheck.mismatch("kvm", "metal"));
        assertEquals("a virtual machine", LabelCheck.mismatch("firecracker", "runc on firecracker"));
        assertEquals("a container", LabelCheck.mismatch("docker", "metal"));
        assertEquals("a container", LabelCheck.mismatch("docker", "gvisor"), "gVisor is a sandbox, not runc");
        assertEquals("gVisor", LabelCheck.mismatch("gvisor", "runc on firecracker"));
    }

    @Test
    void theComparisonWarnsOncePerLabelAndDetectionAndSkipsResultsWithoutDetection() {
        List<RunResult> rs = List.of(cpu("metal", "metal", 100), cpu("metal", "metal", 101),
                cpu("gvisor", "runc on kvm", 50), cpu("gvisor", "runc on kvm", 51), cpu("docker", null, 90));
        Comparison.Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        assertEquals(List.of("platform gvisor: its runs detected 'runc on kvm', but the label names gVisor"), r.warnings());
    }

    @Test
    void aClientsResultIsNotCheckedItMeasuresTheServersPlatform() {
        // suite --on runs the clients on the host: their detection is the host's, not the guest's
        HostInfo h = new HostInfo("gvisor", "firecracker", "h", "Linux", "6.1", "amd64", "cpu", 2, 1L << 30, 2, null, null, "v",
                "17", "vm", List.of());
        RunResult client = RunResult.builder("net").test("tcp").repetition(1).parameter("role", "client")
                .higher("sum_received_mbit_per_second", 5000, "Mbit/s").host(h).build();
        RunResult oltp = RunResult.builder("oltp").test("oltp_read_only").repetition(1)
                .higher("transactions", 1000, "transactions").host(h).build();
        RunResult server = RunResult.builder("net").test("tcp").repetition(1).parameter("role", "server")
                .higher("sum_received_mbit_per_second", 5000, "Mbit/s").host(h).build();
        assertEquals(List.of(), LabelCheck.warnings(List.of(client, oltp)));
        assertEquals(List.of("platform gvisor: its runs detected 'firecracker', but the label names gVisor"),
                LabelCheck.warnings(List.of(client, oltp, server, cpu("gvisor", "firecracker", 50))));
    }

    private static RunResult cpu(String label, String detected, double events) {
        HostInfo h = new HostInfo(label, detected, "h", "Linux", "6.1", "amd64", "cpu", 2, 1L << 30, 2, null, null, "v", "17",
                "vm", List.of());
        return RunResult.builder("cpu").repetition(1).higher("events_per_second", events, "events/s").host(h).build();
    }
}

package io.virtbench.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(po);
        System.setErr(pe);
        try {
            int exit = Main.execute(po, pe, args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Parses a YAML stream document by document with the client's own model classes. */
    static List<HasMetadata> parse(String yaml) {
        KubernetesSerialization ser = new KubernetesSerialization();
        List<HasMetadata> l = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                l.add(ser.unmarshal(doc));
            }
        }
        return l;
    }

    @Test
    void oneJobServiceAndClientsPodPerRuntimeClass() {
        Run r = run("manifests", "--on", "runc=k8s:runc,gvisor=k8s:gvisor", "--image", "registry.example/virtbench:1",
                "--k8s-namespace", "bench", "--k8s-node", "node-a", "--cpu", "2", "--memory", "3Gi");
        assertEquals(0, r.exit(), r.err());
        List<HasMetadata> objs = parse(r.out());
        assertEquals(6, objs.size(), r.out());
        List<Job> jobs = objs.stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
        List<Service> services = objs.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
        List<Pod> pods = objs.stream().filter(Pod.class::isInstance).map(Pod.class::cast).toList();
        assertEquals(2, jobs.size());
        assertEquals(2, services.size());
        assertEquals(2, pods.size());
        assertEquals(List.of("runc", "gvisor"), jobs.stream().map(j -> j.getSpec().getTemplate().getSpec().getRuntimeClassName()).toList());
        String run = jobs.get(0).getMetadata().getLabels().get(K8sObjects.RUN);
        assertTrue(run != null && !run.isBlank());
        for (int i = 0; i < 2; i++) {
            Job j = jobs.get(i);
            assertEquals("batch/v1", j.getApiVersion());
            assertEquals("bench", j.getMetadata().getNamespace());
            assertEquals(0, j.getSpec().getBackoffLimit());
            assertEquals("virtbench", j.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            PodSpec ps = j.getSpec().getTemplate().getSpec();
            assertEquals("Never", ps.getRestartPolicy());
            assertEquals(Map.of("kubernetes.io/hostname", "node-a"), ps.getNodeSelector());
            Container c = ps.getContainers().get(0);
            assertEquals("registry.example/virtbench:1", c.getImage());
            assertEquals(c.getResources().getRequests(), c.getResources().getLimits());
            assertEquals("3Gi", c.getResources().getLimits().get("memory").toString());
            assertEquals("2", c.getResources().getLimits().get("cpu").toString());
            String script = c.getCommand().get(2);
            // the guest: local steps (cpu, fileio) inside, results printed between markers, then serve on every address
            assertTrue(script.contains("'suite' '--profile'") && script.contains("'cpu,fileio-prepare"), script);
            assertTrue(script.contains(PodScripts.BEGIN) && script.contains("/dev/termination-log"), script);
            assertTrue(script.contains("'serve' '-B' '0.0.0.0'"), script);

            Pod p = pods.get(i);
            assertNull(p.getSpec().getRuntimeClassName(), "the clients run with the cluster's default runtime");
            assertEquals(ps.getNodeSelector(), p.getSpec().getNodeSelector());
            assertEquals(run, p.getMetadata().getLabels().get(K8sObjects.RUN));
            Container pc = p.getSpec().getContainers().get(0);
            assertEquals(pc.getResources().getRequests(), pc.getResources().getLimits());
            String clients = pc.getCommand().get(2);
            Service s = services.get(i);
            assertTrue(clients.contains("'--target' '" + s.getMetadata().getName() + "'"), clients);
            assertTrue(clients.contains("net-tcp") && clients.contains("http"), clients);
            // the Service selects exactly the guest's Pod and exposes serve's default ports
            assertEquals(j.getSpec().getTemplate().getMetadata().getLabels(), s.getSpec().getSelector());
            assertEquals(List.of(5201, 8080, 3306), s.getSpec().getPorts().stream().map(sp -> sp.getPort()).toList());
            assertEquals(run, s.getMetadata().getLabels().get(K8sObjects.RUN));
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"manifests", "--on", "runc=oci:runc", "--image", "i"},
                new String[] {"manifests", "--on", "k8s:Bad_Name", "--image", "i"},
                new String[] {"manifests", "--on", "k8s:runc", "--image", "i", "--k8s-namespace", "Not valid"},
                new String[] {"manifests", "--on", "k8s:runc", "--image", "i", "--memory", "lots"},
                new String[] {"manifests", "--on", "k8s:runc,k8s:runc", "--image", "i"},
                new String[] {"manifests", "--on", "k8s:runc"})) {
            Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("virtbench-k8s: "), r.err());
        }
    }
}

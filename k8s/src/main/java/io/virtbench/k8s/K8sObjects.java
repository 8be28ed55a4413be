package io.virtbench.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one runtime: the guest's Job (the RuntimeClass under test), the
 * Service in front of it and the clients' Pod (the cluster's default runtime), all on one node,
 * all labelled with the run id so that they can be found and deleted together.
 */
final class K8sObjects {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String RUN = "virtbench.io/run";
    static final String ROLE = "virtbench.io/role";
    static final String PLATFORM = "virtbench.io/platform";
    /** The label the Job controller puts on its Pods. */
    static final String JOB_NAME = "job-name";

    /**
     * What every runtime's objects share.
     *
     * @param namespace       where the objects go
     * @param node            the node every Pod is pinned to (null: not pinned)
     * @param image           the virtbench image (the repository's Containerfile)
     * @param runId           the run's id, in every name and label
     * @param cpu             CPU request = limit of each Pod, e.g. "2"
     * @param memory          memory request = limit of each Pod, e.g. "2Gi" (Kata sizes its VM from the limits)
     * @param deadlineSeconds every Pod ends after this long even if virtbench is gone (activeDeadlineSeconds)
     */
    record Settings(String namespace, String node, String image, String runId, String cpu, String memory,
                    long deadlineSeconds) {
    }

    /** One runtime's objects; clients and service are null when no step addresses the guest. */
    record Set(Job job, Service service, Pod clients) {
        List<HasMetadata> all() {
            List<HasMetadata> l = new ArrayList<>();
            l.add(job);
            if (service != null) {
                l.add(service);
                l.add(clients);
            }
            return l;
        }
    }

    private K8sObjects() {
    }

    static String base(Settings s, String label) {
        String n = ("vb-" + s.runId() + "-" + label).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return n.length() > 52 ? n.substring(0, 52) : n;
    }

    static Map<String, String> labels(Settings s, String label, String role) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(MANAGED_BY, "virtbench");
        l.put(RUN, s.runId());
        l.put(PLATFORM, label);
        l.put(ROLE, role);
        return l;
    }

    /**
     * @param runtimeClass the RuntimeClass under test
     * @param guestScript  the guest's shell script ({@link PodScripts#guest})
     * @param clientScript the clients' script, or null when every step runs inside the guest
     * @param ports        the guest's service ports (the Service exposes them)
     */
    static Set build(Settings s, String label, String runtimeClass, String guestScript, String clientScript, List<Integer> ports) {
        String base = base(s, label);
        Map<String, String> guestLabels = labels(s, label, "guest");
        PodSpec guestSpec = podSpec(s, container("guest", s, guestScript, ports), runtimeClass, guestLabels);
        Job job = new JobBuilder()
                .withNewMetadata().withName(base + "-guest").withNamespace(s.namespace()).withLabels(guestLabels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(s.deadlineSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(guestLabels).endMetadata()
                .withSpec(guestSpec)
                .endTemplate()
                .endSpec()
                .build();
        if (clientScript == null) {
            return new Set(job, null, null);
        }
        List<ServicePort> sp = new ArrayList<>();
        for (int p : ports) {
            sp.add(new ServicePortBuilder().withName("p" + p).withPort(p).withNewTargetPort(p).withProtocol("TCP").build());
        }
        Service service = new ServiceBuilder()
                .withNewMetadata().withName(base).withNamespace(s.namespace()).withLabels(labels(s, label, "service"))
                .endMetadata()
                .withNewSpec().withSelector(guestLabels).withPorts(sp).endSpec()
                .build();
        Map<String, String> clientLabels = labels(s, label, "clients");
        Pod clients = new PodBuilder()
                .withNewMetadata().withName(base + "-clients").withNamespace(s.namespace()).withLabels(clientLabels)
                .endMetadata()
                .withSpec(podSpec(s, container("clients", s, clientScript, List.of()), null, clientLabels))
                .build();
        return new Set(job, service, clients);
    }

    private static PodSpec podSpec(Settings s, Container c, String runtimeClass, Map<String, String> labels) {
        PodSpecBuilder b = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withRuntimeClassName(runtimeClass)
                .withActiveDeadlineSeconds(s.deadlineSeconds())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withContainers(c);
        if (s.node() != null) {
            // nodeSelector, not nodeName: the scheduler still places the Pod, so the scheduled → ready figure exists
            b.withNodeSelector(Map.of("kubernetes.io/hostname", s.node()));
        }
        return b.build();
    }

    private static Container container(String name, Settings s, String script, List<Integer> ports) {
        Map<String, Quantity> amount = Map.of("cpu", new Quantity(s.cpu()), "memory", new Quantity(s.memory()));
        ResourceRequirements r = new ResourceRequirementsBuilder().withRequests(amount).withLimits(amount).build();
        ContainerBuilder b = new ContainerBuilder()
                .withName(name)
                .withImage(s.image())
                .withCommand("/bin/bash", "-c", script)
                .withResources(r)
                .withTerminationMessagePolicy("File")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).endSecurityContext();
        for (int p : ports) {
            b.addNewPort().withContainerPort(p).withProtocol("TCP").endPort();
        }
        return b.build();
    }
}

package io.virtbench.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.virtbench.core.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node every Pod of a run goes to when {@code --k8s-node} is not given: the first one the
 * scheduler would accept for every Pod of the run. A RuntimeClass restricts its Pods with
 * {@code scheduling.nodeSelector} and lets them tolerate {@code scheduling.tolerations} (the
 * RuntimeClass admission controller adds both to the Pod); the clients' Pod runs with the default
 * runtime and tolerates nothing.
 */
final class NodeChoice {
    private NodeChoice() {
    }

    /**
     * @param runtimeClasses the RuntimeClasses of the run; one missing on the cluster is left out here (it fails in its turn)
     * @param clients        whether the run has a clients' Pod (steps that address the guest)
     * @return the node's name; no node fits: a usage error naming the RuntimeClasses
     */
    static String pick(KubernetesClient client, List<String> runtimeClasses, boolean clients) {
        List<RuntimeClass> classes = new ArrayList<>();
        for (String name : runtimeClasses) {
            RuntimeClass rc = client.resources(RuntimeClass.class).withName(name).get();
            if (rc != null) {
                classes.add(rc);
            }
        }
        for (Node n : client.nodes().list().getItems()) {
            if (schedulable(n) && classes.stream().allMatch(rc -> offers(n, rc)) && (!clients || tolerated(n, List.of()))) {
                return n.getMetadata().getName();
            }
        }
        throw UserException.usage("no schedulable node offers all the RuntimeClasses " + String.join(", ", runtimeClasses)
                + " (not cordoned, Ready, no taint their Pods do not tolerate, the RuntimeClasses' nodeSelector);"
                + " give one with --k8s-node");
    }

    /** Not cordoned and Ready. */
    static boolean schedulable(Node n) {
        if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
            return false;
        }
        return n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Whether the RuntimeClass's Pods may go to the node: its nodeSelector matches and its tolerations cover the taints. */
    static boolean offers(Node n, RuntimeClass rc) {
        var scheduling = rc.getScheduling();
        if (scheduling == null) {
            return tolerated(n, List.of());
        }
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        Map<String, String> selector = scheduling.getNodeSelector() == null ? Map.of() : scheduling.getNodeSelector();
        boolean selected = selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return selected && tolerated(n, scheduling.getTolerations() == null ? List.of() : scheduling.getTolerations());
    }

    /** Every taint that keeps Pods off the node (NoSchedule, NoExecute) is tolerated. */
    static boolean tolerated(Node n, List<Toleration> tolerations) {
        List<Taint> taints = n.getSpec() == null || n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints();
        return taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                .allMatch(t -> tolerations.stream().anyMatch(tol -> tolerates(tol, t)));
    }

    /** Kubernetes' rule: same effect (or none given), and Exists with the same key (or none), or Equal with key and value. */
    private static boolean tolerates(Toleration tol, Taint t) {
        if (tol.getEffect() != null && !tol.getEffect().isEmpty() && !tol.getEffect().equals(t.getEffect())) {
            return false;
        }
        if ("Exists".equals(tol.getOperator())) {
            return tol.getKey() == null || tol.getKey().isEmpty() || tol.getKey().equals(t.getKey());
        }
        return java.util.Objects.equals(tol.getKey(), t.getKey())
                && java.util.Objects.equals(nullToEmpty(tol.getValue()), nullToEmpty(t.getValue()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package io.virtbench.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which nodes the default node may be: the scheduler's rules for cordons, readiness, taints and RuntimeClass scheduling. */
class NodeChoiceTest {
    private static Node node(boolean cordoned, String ready, String taintEffect) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n").addToLabels("pool", "kata").endMetadata()
                .withNewSpec().withUnschedulable(cordoned).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        if (taintEffect != null) {
            b.editSpec().addToTaints(new TaintBuilder().withKey("dedicated").withValue("kata").withEffect(taintEffect).build()).endSpec();
        }
        return b.build();
    }

    private static RuntimeClass kata(String tolerationOperator) {
        var b = new RuntimeClassBuilder().withNewMetadata().withName("kata").endMetadata().withHandler("kata")
                .withNewScheduling().addToNodeSelector("pool", "kata");
        if (tolerationOperator != null) {
            b.addToTolerations(new TolerationBuilder().withKey("dedicated").withOperator(tolerationOperator)
                    .withValue("Equal".equals(tolerationOperator) ? "kata" : null).withEffect("NoSchedule").build());
        }
        return b.endScheduling().build();
    }

    @Test
    void cordonedOrNotReadyNodesAreNotSchedulable() {
        assertTrue(NodeChoice.schedulable(node(false, "True", null)));
        assertFalse(NodeChoice.schedulable(node(true, "True", null)));
        assertFalse(NodeChoice.schedulable(node(false, "False", null)));
        assertFalse(NodeChoice.schedulable(node(false, "Unknown", null)));
    }

    @Test
    void aRuntimeClassOffersANodeItsSelectorMatchesAndWhoseTaintsItTolerates() {
        assertTrue(NodeChoice.offers(node(false, "True", null), kata(null)));
        assertTrue(NodeChoice.offers(node(false, "True", "PreferNoSchedule"), kata(null)), "only a preference");
        assertFalse(NodeChoice.offers(node(false, "True", "NoSchedule"), kata(null)));
        assertFalse(NodeChoice.offers(node(false, "True", "NoExecute"), kata("Exists")), "tolerates NoSchedule only");
        assertTrue(NodeChoice.offers(node(false, "True", "NoSchedule"), kata("Exists")));
        assertTrue(NodeChoice.offers(node(false, "True", "NoSchedule"), kata("Equal")));
        Node other = new NodeBuilder(node(false, "True", null)).editMetadata().addToLabels("pool", "general").endMetadata().build();
        assertFalse(NodeChoice.offers(other, kata(null)), "its nodeSelector does not match");
        // the clients' Pod tolerates nothing: a node tainted for kata does not take it
        assertFalse(NodeChoice.tolerated(node(false, "True", "NoSchedule"), List.of()));
    }
}

package io.virtbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.JitWarmup;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.protocol.Iperf3;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's tests: what they are, in which order, and that each runs. */
class WarmupTest {

    @Test
    void thePlanEndsWithPacedUdpTestsBothWaysShapedLikeARealTest() {
        List<ClientOptions> plan = Warmup.plan(5201);
        List<ClientOptions> paced = plan.subList(plan.size() - Warmup.PACED_TESTS, plan.size());
        for (ClientOptions o : paced) {
            assertTrue(o.udp(), "paced tests are UDP");
            assertEquals(Warmup.PACED_RATE, o.bitrate());
            assertEquals(Warmup.PACED_TIMER_US, o.pacingTimerUs());
            assertTrue(o.time() > 0 && o.bytes() == 0 && o.blocks() == 0, "ends by time, as a real test: " + o);
            assertTrue(o.interval() > 0, "reports intervals, as a real test");
        }
        assertFalse(paced.get(0).reverse());
        assertTrue(paced.get(1).reverse(), "the server's sending path too");
        int lastTcp = -1;
        int firstUdp = plan.size();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).udp()) {
                firstUdp = Math.min(firstUdp, i);
            } else {
                lastTcp = i;
            }
        }
        assertTrue(lastTcp >= 0 && lastTcp < firstUdp, "TCP before every UDP test");
        for (ClientOptions o : plan.subList(0, plan.size() - Warmup.PACED_TESTS)) {
            assertEquals(Iperf3.DEFAULT_PACING_TIMER_US, o.pacingTimerUs(), "only the last two are paced fast: " + o);
        }
    }

    @Test
    void everyWarmUpTestRunsAndThePacedOnesNeverExceedTheirRate() throws Exception {
        try (Net.JavaServer server = new Net.JavaServer()) {
            for (ClientOptions o : Warmup.plan(server.port())) {
                Net.JavaRun run = Net.javaClient(o.withJson(true));
                assertTrue(run.outcome().ok(), o + ": " + run.outcome().error() + " " + run.err());
                if (o.pacingTimerUs() == Warmup.PACED_TIMER_US) {
                    double mbps = run.result().metric(Iperf3Json.SUM_SENT_MBPS).orElseThrow().value();
                    double target = Warmup.PACED_RATE / 1e6;
                    // the throttle keeps the sender from running ahead of its rate; a busy machine may keep it behind
                    assertTrue(mbps > 0 && mbps < 1.1 * target, "paced at " + target + " Mbit/s: " + mbps);
                    assertTrue(run.json().get("intervals").size() >= 2, "intervals shorter than the test");
                }
            }
        }
    }

    /** Before each client test: the warm-up, once; later the paced tests again, but not twice with no test between. */
    @Test
    void beforeEachTestThePacedTestsRunAgainOnlyAfterATest() {
        Warmup.ensure();
        boolean fresh = Warmup.unused(); // true unless another test here already ran one since the warm-up
        int n = Warmup.pacedAgain;
        Warmup.beforeTest();
        assertEquals(n + (fresh ? 0 : 1), Warmup.pacedAgain, "nothing again right after a warm-up no test followed");
        assertFalse(Warmup.unused());
        JitWarmup.Summary again = Warmup.beforeTest(); // a test ran since the call above
        assertEquals(n + (fresh ? 0 : 1) + 1, Warmup.pacedAgain, "the paced tests again before a later test");
        // core's plan ran the paced tests, one each way, and says what it touched
        assertEquals(Warmup.PACED_TESTS, again.events(), again.toString());
        assertEquals(Warmup.TOUCHED, again.touched());
        assertNull(Warmup.ensure(), "the whole warm-up runs once per process");
    }
}

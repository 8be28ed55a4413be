package io.virtbench.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.result.Direction;
import io.virtbench.core.result.Metric;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.suite.Profile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator against fabric8's mock API server in CRUD mode, bound to 127.0.0.1. No
 * controller runs there: the test plays the Job controller and the kubelet (makes the Job's Pod,
 * sets phases, conditions and termination states) and serves the Pods' logs.
 */
class K8sSuiteTest {
    private static final String NS = "bench";
    private static final String PROFILE = """
            name = k8s-test
            service serve = serve -B {bind} --net-port {net-port}
            ready serve = tcp:{bind}:{net-port}
            step cpu = cpu --time 1 --repeat 3
            step net-tcp = net client {target} -p {net-port} -t 1 --repeat 3
            """;

    @TempDir
    Path tmp;
    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;
    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    /** Per label: what the kubelet does with the guest ("ok", "fail", "hang"). */
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();
    private volatile boolean playing = true;
    /** The clients' Pods end only once this many guest Pods run at the same time (a --k8s-parallel run). */
    private volatile int together = 0;
    private Thread player;
    private final Instant scheduled = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        assertEquals("127.0.0.1", InetAddress.getLoopbackAddress().getHostAddress());
        client = server.createClient();
        assertTrue(client.getConfiguration().getMasterUrl().contains("127.0.0.1")
                || client.getConfiguration().getMasterUrl().contains("localhost"), client.getConfiguration().getMasterUrl());
    }

    @AfterEach
    void stop() throws Exception {
        playing = false;
        if (player != null) {
            player.join(5000);
        }
        client.close();
        server.destroy();
    }

    private static String result(String label, String workload, double value) {
        RunResult r = RunResult.builder(workload).metric(new Metric("events_per_second", value, "events/s",
                Direction.HIGHER_IS_BETTER)).host(new HostInfo(label, null, null, null, null, null, null, 0, 0, 0, null, null,
                null, null, null, List.of())).build();
        return ResultFiles.toJson(r);
    }

    private static String files(Map<String, String> files) {
        StringBuilder b = new StringBuilder("starting\n");
        files.forEach((name, text) -> b.append(PodScripts.BEGIN).append(name).append('\n').append(text).append("\n\n")
                .append(PodScripts.END).append(name).append('\n'));
        return b.toString();
    }

    private K8sObjects.Settings settings(String run) {
        return new K8sObjects.Settings(NS, "node-a", "vb:test", run, "1", "1Gi", 60);
    }

    private void runtimeClass(String name) {
        client.resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class).resource(
                new RuntimeClassBuilder().withNewMetadata().withName(name).endMetadata().withHandler(name).build()).create();
    }

    /** Serves the logs of one runtime's two Pods: the guest's cpu results, the clients' net results. */
    private void logs(K8sObjects.Settings s, String label, double cpu, double net) {
        logs(s, label, cpu, net, "0");
    }

    private void logs(K8sObjects.Settings s, String label, double cpu, double net, String localExit) {
        String base = K8sObjects.base(s, label);
        String guest = files(Map.of("./sysinfo.json", "{}", "./local.exit", localExit,
                "./steps/cpu/a.json", result(label, "cpu", cpu), "./steps/cpu/b.json", result(label, "cpu", cpu + 1),
                "./steps/cpu/c.json", result(label, "cpu", cpu + 2)));
        String clients = files(Map.of("./steps/net-tcp/a.json", result(label, "net", net),
                "./steps/net-tcp/b.json", result(label, "net", net + 1), "./steps/net-tcp/c.json", result(label, "net", net + 2)))
                + PodScripts.BEGIN + "./steps/net-tcp/cut.json\n{\"cut off";
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + base + "-guest-p1/log?pretty=false")
                .andReturn(200, guest).always();
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + base + "-clients/log?pretty=false")
                .andReturn(200, clients).always();
    }

    private static PodCondition cond(String type, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(at.toString()).build();
    }

    /** The Job controller and the kubelet: one Pod per Job, Running (or Failed), then the clients' Pod ends. */
    private void play(K8sObjects.Settings s) {
        player = new Thread(() -> {
            Set<String> done = new LinkedHashSet<>();
            while (playing) {
                try {
                    for (Job j : client.batch().v1().jobs().inNamespace(NS).withLabel(K8sObjects.RUN, s.runId()).list().getItems()) {
                        String name = j.getMetadata().getName();
                        if (done.add(name)) {
                            kubelet(j);
                        }
                    }
                    for (Pod c : client.pods().inNamespace(NS).withLabel(K8sObjects.ROLE, "clients").list().getItems()) {
                        if (s.runId().equals(c.getMetadata().getLabels().get(K8sObjects.RUN)) && !done.contains(c.getMetadata().getName())
                                && clientsEnd(c)) {
                            done.add(c.getMetadata().getName());
                        }
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the orchestrator deleted an object between list and update: the next round sees the truth
                }
            }
        }, "test-kubelet");
        player.setDaemon(true);
        player.start();
    }

    private void kubelet(Job j) {
        String label = j.getMetadata().getLabels().get(K8sObjects.PLATFORM);
        String what = behaviour.getOrDefault(label, "ok");
        String name = j.getMetadata().getName();
        if ("nopod".equals(what)) {
            client.v1().events().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.EventBuilder().withNewMetadata()
                    .withName(name + ".1").withNamespace(NS).endMetadata().withType("Warning").withReason("FailedCreate")
                    .withMessage("Error creating: pods is forbidden: exceeded quota: compute").withLastTimestamp(scheduled.toString())
                    .withNewInvolvedObject().withKind("Job").withName(name).withNamespace(NS).endInvolvedObject().build()).create();
            return;
        }
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-p1").withNamespace(NS)
                .addToLabels(j.getSpec().getTemplate().getMetadata().getLabels()).addToLabels(K8sObjects.JOB_NAME, name)
                .endMetadata().withSpec(j.getSpec().getTemplate().getSpec()).build();
        client.pods().inNamespace(NS).resource(pod).create();
        pod = client.pods().inNamespace(NS).withName(name + "-p1").get();
        if ("fail".equals(what)) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed")
                    .withConditions(cond("PodScheduled", scheduled))
                    .withContainerStatuses(new ContainerStatusBuilder().withName("guest").withNewState().withNewTerminated()
                            .withExitCode(137).withReason("OOMKilled").endTerminated().endState().build()).build());
            client.pods().inNamespace(NS).resource(pod).updateStatus();
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withConditions(new JobConditionBuilder()
                    .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                    .withMessage("Job has reached the specified backoff limit").build()).build());
            client.batch().v1().jobs().inNamespace(NS).resource(j).updateStatus();
            return;
        }
        if ("unschedulable".equals(what)) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").withConditions(
                    new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                            .withMessage("0/1 nodes are available: 1 Insufficient memory.").build()).build());
            client.pods().inNamespace(NS).resource(pod).updateStatus();
            return;
        }
        if ("nopull".equals(what)) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending")
                    .withConditions(cond("PodScheduled", scheduled))
                    .withContainerStatuses(new ContainerStatusBuilder().withName("guest").withNewState().withNewWaiting()
                            .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"vb:test\"").endWaiting()
                            .endState().build()).build());
            client.pods().inNamespace(NS).resource(pod).updateStatus();
            return;
        }
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .withConditions(cond("PodScheduled", scheduled), cond("Ready", scheduled.plusMillis(1500))).build());
        client.pods().inNamespace(NS).resource(pod).updateStatus();
    }

    /** The clients' Pods end once their guest runs (unless the guest is to hang); true when this one did. */
    private boolean clientsEnd(Pod clients) {
        String label = clients.getMetadata().getLabels().get(K8sObjects.PLATFORM);
        String guestPod = clients.getMetadata().getName().replaceFirst("-clients$", "-guest-p1");
        Pod guest = client.pods().inNamespace(NS).withName(guestPod).get();
        if ("hang".equals(behaviour.get(label)) || guest == null || guest.getStatus() == null
                || !"Running".equals(guest.getStatus().getPhase())) {
            return false;
        }
        if (together > 0 && client.pods().inNamespace(NS).withLabel(K8sObjects.ROLE, "guest").list().getItems().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count() < together) {
            return false;
        }
        clients.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded").build());
        client.pods().inNamespace(NS).resource(clients).updateStatus();
        return true;
    }

    record Outcome(int exit, String out, String err) {
    }

    private Outcome run(K8sObjects.Settings s, String on, Path outDir, StopSignal stop) throws Exception {
        return run(s, on, outDir, stop, false);
    }

    private Outcome run(K8sObjects.Settings s, String on, Path outDir, StopSignal stop, boolean parallel) throws Exception {
        List<K8sPlan.Entry> entries = K8sPlan.build(Profile.parse("k8s-test.profile", PROFILE), K8sPlan.parseOn(on), s,
                Set.of(), Set.of(), List.of(), Map.of());
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = new K8sSuite(client, s, entries, outDir, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), stop, parallel).run();
        return new Outcome(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private void assertNothingLeft(K8sObjects.Settings s) {
        assertEquals(List.of(), client.batch().v1().jobs().inNamespace(NS).withLabel(K8sObjects.RUN, s.runId()).list().getItems());
        assertEquals(List.of(), client.pods().inNamespace(NS).withLabel(K8sObjects.RUN, s.runId()).list().getItems());
        assertEquals(List.of(), client.services().inNamespace(NS).withLabel(K8sObjects.RUN, s.runId()).list().getItems());
    }

    @Test
    void twoRuntimesRunInTurnAndTheirResultsMakeOneReport() throws Exception {
        K8sObjects.Settings s = settings("ok" + System.nanoTime() % 100000);
        runtimeClass("runc");
        runtimeClass("gvisor");
        logs(s, "runc", 1000, 500);
        logs(s, "gvisor", 800, 100);
        play(s);
        Path out = tmp.resolve("out");
        Outcome r = run(s, "runc=k8s:runc,gvisor=k8s:gvisor", out, StopSignal.never());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(Files.isRegularFile(out.resolve("runc/guest/steps/cpu/a.json")));
        assertTrue(Files.isRegularFile(out.resolve("gvisor/steps/net-tcp/c.json")));
        assertFalse(Files.exists(out.resolve("gvisor/steps/net-tcp/cut.json")), "a file cut off in the log is not kept");
        assertEquals(1500.0 / 1000, ResultFiles.mapper().readTree(out.resolve("platforms.json").toFile())
                .path("platforms").get(1).path("startupSeconds").asDouble());
        assertTrue(r.out().contains("1.500 s from scheduled to ready"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        // the report compares gvisor with the baseline runc: cpu 800..802 vs 1000..1002
        // (the report names runc's results by the platform their files name: a container, docker)
        assertTrue(r.out().contains("2 platforms (docker, gvisor); baseline docker"), r.out());
        assertTrue(java.util.regex.Pattern.compile("CPU events\\s+low\\s+4\\s+3\\n").matcher(r.out()).find(), r.out());
        assertNothingLeft(s);
    }

    @Test
    void theObjectsCreatedCarryRuntimeClassPinningLimitsAndLabels() throws Exception {
        K8sObjects.Settings s = settings("ob" + System.nanoTime() % 100000);
        runtimeClass("runc");
        behaviour.put("runc", "hang");
        play(s);
        StopSignal stop = StopSignal.never();
        Thread stopper = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    Pod p = client.pods().inNamespace(NS).withName(K8sObjects.base(s, "runc") + "-guest-p1").get();
                    if (p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
                        checkObjects(s);
                        break;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                stop.request(); // Ctrl-C
            }
        });
        stopper.start();
        Outcome r = run(s, "k8s:runc", tmp.resolve("out"), stop);
        stopper.join(10_000);
        assertTrue(checked, "the objects were checked while the guest ran");
        assertEquals(130, r.exit(), r.err());
        assertNothingLeft(s);
    }

    private volatile boolean checked;

    private void checkObjects(K8sObjects.Settings s) {
        Job j = client.batch().v1().jobs().inNamespace(NS).withName(K8sObjects.base(s, "runc") + "-guest").get();
        assertNotNull(j);
        assertEquals("runc", j.getSpec().getTemplate().getSpec().getRuntimeClassName());
        assertEquals(0, j.getSpec().getBackoffLimit());
        assertEquals(Map.of("kubernetes.io/hostname", "node-a"), j.getSpec().getTemplate().getSpec().getNodeSelector());
        var res = j.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals(res.getRequests(), res.getLimits());
        assertEquals("virtbench", j.getMetadata().getLabels().get(K8sObjects.MANAGED_BY));
        Pod c = client.pods().inNamespace(NS).withName(K8sObjects.base(s, "runc") + "-clients").get();
        assertNull(c.getSpec().getRuntimeClassName());
        assertEquals(Map.of("kubernetes.io/hostname", "node-a"), c.getSpec().getNodeSelector());
        assertEquals(s.runId(), c.getMetadata().getLabels().get(K8sObjects.RUN));
        assertNotNull(client.services().inNamespace(NS).withName(K8sObjects.base(s, "runc")).get());
        checked = true;
    }

    @Test
    void aFailedJobAndAMissingRuntimeClassAreOneLineEachAndTheOthersStillRun() throws Exception {
        K8sObjects.Settings s = settings("fa" + System.nanoTime() % 100000);
        runtimeClass("runc");
        runtimeClass("gvisor");
        behaviour.put("gvisor", "fail");
        logs(s, "runc", 1000, 500);
        play(s);
        Path out = tmp.resolve("out");
        Outcome r = run(s, "runc=k8s:runc,kata=k8s:kata-fc,gvisor=k8s:gvisor", out, StopSignal.never());
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertEquals("virtbench-k8s: runtime kata (RuntimeClass kata-fc): RuntimeClass 'kata-fc' does not exist on the cluster",
                lines.get(0));
        // the fake kubelet fails the Pod and then the Job: either may be seen first, and both name the reason
        assertTrue(lines.get(1).matches("virtbench-k8s: runtime gvisor \\(RuntimeClass gvisor\\): the (Job|guest's Pod) failed: "
                + "exit code 137 \\(OOMKilled\\).*"), lines.get(1));
        assertNull(client.batch().v1().jobs().inNamespace(NS).withName(K8sObjects.base(s, "kata") + "-guest").get());
        JsonNode platforms = ResultFiles.mapper().readTree(out.resolve("platforms.json").toFile()).path("platforms");
        assertEquals("done", platforms.get(0).path("status").asText());
        assertEquals("failed", platforms.get(1).path("status").asText());
        assertEquals("failed", platforms.get(2).path("status").asText());
        assertTrue(Files.isRegularFile(out.resolve("runc/guest/steps/cpu/a.json")), "the runtime that ran keeps its results");
        assertNothingLeft(s);
    }

    @Test
    void anUnschedulablePodAndAnImageThatCannotBePulledNameTheRuntimeAndTheReason() throws Exception {
        K8sObjects.Settings s = settings("un" + System.nanoTime() % 100000);
        runtimeClass("runc");
        runtimeClass("kata-qemu");
        behaviour.put("runc", "nopull");
        behaviour.put("kata", "unschedulable");
        play(s);
        Outcome r = run(s, "runc=k8s:runc,kata=k8s:kata-qemu", tmp.resolve("out"), StopSignal.never());
        assertEquals(1, r.exit(), r.err());
        assertEquals(List.of("virtbench-k8s: runtime runc (RuntimeClass runc): the guest's Pod cannot start: "
                        + "ImagePullBackOff: Back-off pulling image \"vb:test\"",
                "virtbench-k8s: runtime kata (RuntimeClass kata-qemu): the guest's Pod cannot start: "
                        + "unschedulable: 0/1 nodes are available: 1 Insufficient memory."), r.err().lines().toList());
        assertTrue(r.out().contains("no report"), r.out());
        assertNothingLeft(s);
    }

    @Test
    void aJobThatMakesNoPodFailsAfterThePendingLimitWithTheJobsWarningEvent() throws Exception {
        K8sObjects.Settings s = settings("np" + System.nanoTime() % 100000);
        runtimeClass("runc");
        behaviour.put("runc", "nopod");
        play(s);
        java.time.Duration before = K8sSuite.pendingLimit;
        K8sSuite.pendingLimit = java.time.Duration.ofSeconds(2);
        try {
            Outcome r = run(s, "k8s:runc", tmp.resolve("out"), StopSignal.never());
            assertEquals(1, r.exit(), r.err());
            assertEquals(List.of("virtbench-k8s: runtime runc (RuntimeClass runc): the guest's Pod was still pending after 2 s "
                    + "(the Job made no Pod): FailedCreate: Error creating: pods is forbidden: exceeded quota: compute"),
                    r.err().lines().toList());
        } finally {
            K8sSuite.pendingLimit = before;
        }
        assertNothingLeft(s);
    }

    @Test
    void aStepThatFailedInsideTheGuestFailsItsRuntimeButKeepsWhatWasMeasured() throws Exception {
        K8sObjects.Settings s = settings("lx" + System.nanoTime() % 100000);
        runtimeClass("runc");
        logs(s, "runc", 1000, 500, "1");
        play(s);
        Path out = tmp.resolve("out");
        Outcome r = run(s, "k8s:runc", out, StopSignal.never());
        assertEquals(1, r.exit(), r.err());
        assertEquals(List.of("virtbench-k8s: runtime runc (RuntimeClass runc): a step inside the guest failed (exit status 1); "
                + "the results measured are in " + out.resolve("runc")), r.err().lines().toList());
        assertTrue(Files.isRegularFile(out.resolve("runc/guest/steps/cpu/a.json")));
        assertTrue(Files.isRegularFile(out.resolve("runc/steps/net-tcp/a.json")));
        assertNothingLeft(s);
    }

    /** Requests a stop after the limit, so that a run that never overlaps its runtimes ends instead of hanging. */
    private static Thread stopAfter(StopSignal stop, long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                stop.request();
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void inParallelTheRuntimesRunTogetherAndTheReportSaysItIsANoisyNeighbourRun() throws Exception {
        K8sObjects.Settings s = settings("pa" + System.nanoTime() % 100000);
        runtimeClass("runc");
        runtimeClass("gvisor");
        logs(s, "runc", 1000, 500);
        logs(s, "gvisor", 800, 100);
        together = 2; // run one after another, the clients would never end: the stop below would end the run with 130
        play(s);
        Path out = tmp.resolve("out");
        StopSignal stop = StopSignal.never();
        Thread limit = stopAfter(stop, 60_000);
        Outcome r = run(s, "runc=k8s:runc,kata=k8s:kata-fc,gvisor=k8s:gvisor", out, stop, true);
        limit.interrupt();
        assertEquals(1, r.exit(), r.err() + r.out());
        assertEquals(List.of("virtbench-k8s: runtime kata (RuntimeClass kata-fc): RuntimeClass 'kata-fc' does not exist on the cluster"),
                r.err().lines().filter(l -> l.startsWith("virtbench-k8s:")).toList());
        assertTrue(r.out().contains("(--k8s-parallel): a noisy-neighbour run"), r.out());
        JsonNode platforms = ResultFiles.mapper().readTree(out.resolve("platforms.json").toFile());
        assertEquals("parallel", platforms.path("mode").asText());
        assertEquals(List.of("done", "failed", "done"), platforms.path("platforms").findValuesAsText("status"));
        // each result names the runtimes measured beside it (kata made no Pod), and the report warns, once per platform
        assertEquals(List.of("gvisor"), ResultFiles.read(out.resolve("runc/guest/steps/cpu/a.json")).details()
                .get(io.virtbench.report.Alongside.DETAIL));
        assertEquals(List.of("runc"), ResultFiles.read(out.resolve("gvisor/steps/net-tcp/b.json")).details()
                .get(io.virtbench.report.Alongside.DETAIL));
        assertTrue(r.err().contains("virtbench: warning: platform docker: measured at the same time as gvisor (a noisy-neighbour run:"
                + " its figures include their load)"), r.err());
        assertTrue(r.err().contains("virtbench: warning: platform gvisor: measured at the same time as runc (a noisy-neighbour run:"
                + " its figures include their load)"), r.err());
        assertTrue(r.out().contains("WARNING: platform docker: measured at the same time as gvisor"), r.out());
        assertTrue(r.out().contains("WARNING: platform gvisor: measured at the same time as runc"), r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("measured at the same time as runc"));
        assertTrue(java.util.regex.Pattern.compile("CPU events\\s+low\\s+4\\s+3\\n").matcher(r.out()).find(), r.out());
        assertNothingLeft(s);
    }

    @Test
    void inParallelAStopDeletesEveryRuntimesObjects() throws Exception {
        K8sObjects.Settings s = settings("ps" + System.nanoTime() % 100000);
        runtimeClass("runc");
        runtimeClass("gvisor");
        behaviour.put("runc", "hang");
        behaviour.put("gvisor", "hang");
        play(s);
        StopSignal stop = StopSignal.never();
        Thread stopper = new Thread(() -> {
            try {
                for (int i = 0; i < 600; i++) {
                    if (client.pods().inNamespace(NS).withLabel(K8sObjects.RUN, s.runId()).list().getItems().stream()
                            .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count() == 2) {
                        checked = true;
                        break;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                stop.request(); // Ctrl-C
            }
        });
        stopper.start();
        Outcome r = run(s, "runc=k8s:runc,gvisor=k8s:gvisor", tmp.resolve("out"), stop, true);
        stopper.join(40_000);
        assertTrue(checked, "both guests ran at the same time before the stop");
        assertEquals(130, r.exit(), r.err());
        assertNothingLeft(s);
    }

    @Test
    void theDefaultNodeOffersEveryRuntimeClassAndNoneIsExitStatusTwoBeforeAnythingIsCreated() throws Exception {
        client.nodes().resource(node("node-1", Map.of())).create();
        client.nodes().resource(node("node-2", Map.of("katacontainers.io/kata-runtime", "true"))).create();
        runtimeClass("runc");
        client.resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class).resource(new RuntimeClassBuilder()
                .withNewMetadata().withName("kata-fc").endMetadata().withHandler("kata-fc").withNewScheduling()
                .addToNodeSelector("katacontainers.io/kata-runtime", "true").endScheduling().build()).create();
        runtimeClass("gvisor");
        assertEquals("node-2", NodeChoice.pick(client, List.of("runc", "kata-fc"), true));
        assertEquals("node-1", NodeChoice.pick(client, List.of("runc", "gvisor"), true));

        // no node labelled for kata-fc: the Kubernetes jar's suite refuses, creating nothing
        client.nodes().withName("node-2").delete();
        var before = Main.clients;
        Main.clients = () -> new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            exit = Main.execute(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                    "suite", "--on", "runc=k8s:runc,kata=k8s:kata-fc", "--image", "vb:test", "--k8s-namespace", NS,
                    "--out", tmp.resolve("out").toString());
        } finally {
            Main.clients = before;
        }
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, err);
        assertEquals(List.of("virtbench-k8s: no schedulable node offers all the RuntimeClasses runc, kata-fc (not cordoned, Ready,"
                + " no taint their Pods do not tolerate, the RuntimeClasses' nodeSelector); give one with --k8s-node"), err.lines().toList());
        assertEquals(List.of(), client.batch().v1().jobs().inAnyNamespace().list().getItems());
        assertEquals(List.of(), client.pods().inAnyNamespace().list().getItems());
        assertEquals(List.of(), client.services().inAnyNamespace().list().getItems());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name, Map<String, String> labels) {
        return new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    }
}

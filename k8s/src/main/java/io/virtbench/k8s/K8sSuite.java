package io.virtbench.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.report.Comparison;
import io.virtbench.report.PlatformReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code virtbench-k8s suite}: per runtime, in turn (or, with {@code --k8s-parallel}, all at
 * once), creates its Job, Service and clients' Pod, waits until the clients' Pod (or, without one,
 * the Job) ends, reads the results from both Pods' logs, and deletes everything labelled with the
 * run id: on success, on failure, on Ctrl-C. A runtime that fails is one line naming it and the
 * reason; the other runtimes still run.
 */
final class K8sSuite {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a Pod may stay Pending (image pull, scheduling) before the runtime counts as failed. */
    static Duration pendingLimit = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final K8sObjects.Settings settings;
    private final List<K8sPlan.Entry> entries;
    private final Path outDir;
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;
    private final boolean parallel;

    K8sSuite(KubernetesClient client, K8sObjects.Settings settings, List<K8sPlan.Entry> entries, Path outDir, PrintStream out,
             PrintStream err, StopSignal stop) {
        this(client, settings, entries, outDir, out, err, stop, false);
    }

    /** @param parallel every runtime's Pods at the same time (a noisy-neighbour run) instead of one after another */
    K8sSuite(KubernetesClient client, K8sObjects.Settings settings, List<K8sPlan.Entry> entries, Path outDir, PrintStream out,
             PrintStream err, StopSignal stop, boolean parallel) {
        this.parallel = parallel;
        this.client = client;
        this.settings = settings;
        this.entries = entries;
        this.outDir = outDir;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** A runtime's failure: one line naming the reason. */
    static final class RuntimeFailure extends Exception {
        RuntimeFailure(String message) {
            super(message);
        }
    }

    /** Runs every runtime, then the report; 0, 1 (a runtime failed) or 130 (stopped). */
    int run() throws Exception {
        Files.createDirectories(outDir);
        List<Map<String, Object>> records = new ArrayList<>();
        try {
            if (parallel) {
                runTogether(records);
            } else {
                for (int i = 0; i < entries.size() && !stop.requested(); i++) {
                    records.add(attempt(i));
                    writePlatforms(records);
                }
            }
        } finally {
            deleteRun();
        }
        if (stop.requested()) {
            return Repetitions.EXIT_INTERRUPTED;
        }
        report(records);
        return records.stream().allMatch(r -> "done".equals(r.get("status"))) ? 0 : UserException.FAILURE;
    }

    /**
     * Every runtime at once, each waited for on a thread of its own. Each result file is marked
     * with the runtimes it ran beside ({@link io.virtbench.report.Alongside#DETAIL}), so that every report made from them
     * warns that this is a noisy-neighbour run.
     */
    private void runTogether(List<Map<String, Object>> records) throws Exception {
        out.printf(Locale.ROOT, "== %d runtimes at the same time (--k8s-parallel): a noisy-neighbour run, each one's figures"
                + " include the others' load ==%n", entries.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(entries.size(), r -> {
            Thread t = new Thread(r, "virtbench-k8s-runtime");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Map<String, Object>>> running = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                int n = i;
                running.add(pool.submit(() -> attempt(n)));
            }
            for (var f : running) {
                try {
                    records.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> ran = records.stream().filter(r -> Boolean.TRUE.equals(r.get("created")))
                .map(r -> (String) r.get("label")).toList();
        for (String label : ran) {
            List<String> others = ran.stream().filter(l -> !l.equals(label)).toList();
            if (!others.isEmpty()) {
                markAlongside(outDir.resolve(label), others);
            }
        }
        writePlatforms(records);
    }

    private static void markAlongside(Path dir, List<String> others) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".json") && f.getParent().toString().contains("steps")).toList();
        }
        for (Path f : files) {
            io.virtbench.core.result.RunResult r;
            try {
                r = ResultFiles.read(f);
            } catch (java.io.IOException e) {
                continue; // not a result file
            }
            Files.writeString(f, ResultFiles.toJson(r.toBuilder().detail(io.virtbench.report.Alongside.DETAIL, others).build()) + "\n");
        }
    }

    private void writePlatforms(List<Map<String, Object>> records) throws java.io.IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("mode", parallel ? "parallel" : "in turn");
        all.put("platforms", records);
        Files.writeString(outDir.resolve("platforms.json"), ResultFiles.toJson(all) + "\n");
    }

    /** One runtime: its objects made, waited for, its results read, its objects deleted; a failure is one line. */
    private Map<String, Object> attempt(int i) throws Exception {
        K8sPlan.Entry e = entries.get(i);
        String label = e.platform().label();
        out.printf(Locale.ROOT, "== runtime %d/%d: %s (RuntimeClass %s) ==%n", i + 1, entries.size(), label,
                e.platform().runtimeClass());
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("label", label);
        rec.put("runtimeClass", e.platform().runtimeClass());
        try {
            runOne(e, rec);
            rec.put("status", "done");
        } catch (RuntimeFailure | KubernetesClientException f) {
            // the API's refusal (forbidden, invalid, quota) fails this runtime only, as a Pod's failure does
            String why = f instanceof KubernetesClientException k ? "the API server refused: " + oneLine(k) : f.getMessage();
            err.println("virtbench-k8s: runtime " + label + " (RuntimeClass " + e.platform().runtimeClass() + "): " + why);
            rec.put("status", "failed");
            rec.put("error", why);
        } finally {
            deletePlatform(label);
        }
        return rec;
    }

    private void runOne(K8sPlan.Entry e, Map<String, Object> rec) throws Exception {
        String rc = e.platform().runtimeClass();
        if (client.resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class).withName(rc).get() == null) {
            throw new RuntimeFailure("RuntimeClass '" + rc + "' does not exist on the cluster");
        }
        K8sObjects.Set objs = e.objects();
        String ns = settings.namespace();
        rec.put("created", true);
        client.batch().v1().jobs().inNamespace(ns).resource(objs.job()).create();
        if (objs.service() != null) {
            client.services().inNamespace(ns).resource(objs.service()).create();
            client.pods().inNamespace(ns).resource(objs.clients()).create();
        }
        String jobName = objs.job().getMetadata().getName();
        Path dir = outDir.resolve(e.platform().label());
        awaitGuestStarted(jobName);
        if (objs.service() != null) {
            Pod clients = awaitClientsEnd(objs.clients().getMetadata().getName(), jobName);
            ResultLog.extract(log(clients.getMetadata().getName()), dir);
            if (!"Succeeded".equals(clients.getStatus().getPhase())) {
                collectGuest(jobName, dir, rec);
                throw new RuntimeFailure("the clients' Pod failed: " + reason(clients));
            }
        } else {
            awaitJobEnd(jobName);
        }
        collectGuest(jobName, dir, rec);
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        String failed = jobFailure(job);
        if (failed != null) {
            throw new RuntimeFailure("the Job failed: " + failed);
        }
        Path localExit = dir.resolve("guest").resolve(io.virtbench.suite.platform.GuestScript.LOCAL_EXIT);
        String code = Files.exists(localExit) ? Files.readString(localExit).strip() : "missing";
        if (!"0".equals(code)) {
            throw new RuntimeFailure("a step inside the guest failed (exit status " + code + "); the results measured are in " + dir);
        }
        out.printf(Locale.ROOT, "  %s: results in %s%n", e.platform().label(), dir);
    }

    private void collectGuest(String jobName, Path dir, Map<String, Object> rec) throws Exception {
        Pod guest = guestPod(jobName);
        if (guest == null) {
            return;
        }
        ResultLog.extract(log(guest.getMetadata().getName()), dir.resolve("guest"));
        Double boot = startupSeconds(guest);
        if (boot != null) {
            rec.put("startupSeconds", boot);
            out.printf(Locale.ROOT, "  %s: the guest's Pod took %.3f s from scheduled to ready%n", rec.get("label"), boot);
        }
        ContainerStatus cs = first(guest);
        if (cs != null && cs.getState() != null && cs.getState().getTerminated() != null
                && cs.getState().getTerminated().getMessage() != null) {
            rec.put("digest", cs.getState().getTerminated().getMessage().strip());
        }
    }

    /** The start-up figure: from the PodScheduled condition to the Ready condition, or null when either is missing. */
    static Double startupSeconds(Pod pod) {
        Instant scheduled = null;
        Instant ready = null;
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (!"True".equals(c.getStatus()) || c.getLastTransitionTime() == null) {
                continue;
            }
            if ("PodScheduled".equals(c.getType())) {
                scheduled = Instant.parse(c.getLastTransitionTime());
            } else if ("Ready".equals(c.getType())) {
                ready = Instant.parse(c.getLastTransitionTime());
            }
        }
        if (scheduled == null || ready == null || ready.isBefore(scheduled)) {
            return null;
        }
        return Duration.between(scheduled, ready).toMillis() / 1000.0;
    }

    private Pod guestPod(String jobName) {
        List<Pod> pods = client.pods().inNamespace(settings.namespace()).withLabel(K8sObjects.JOB_NAME, jobName).list().getItems();
        return pods.isEmpty() ? null : pods.get(0);
    }

    /** Waits until the guest's Pod runs (or ended); a Pod stuck Pending or a failed Job is a failure. */
    private Pod awaitGuestStarted(String jobName) throws Exception {
        Instant limit = Instant.now().plus(pendingLimit);
        while (true) {
            checkStop();
            Job job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(jobName).get();
            String failed = jobFailure(job);
            Pod pod = guestPod(jobName);
            if (failed != null) {
                throw new RuntimeFailure("the Job failed: " + (pod != null ? reason(pod) : failed));
            }
            if (pod != null && pod.getStatus() != null) {
                String phase = pod.getStatus().getPhase();
                if ("Running".equals(phase) || "Succeeded".equals(phase)) {
                    return pod;
                }
                if ("Failed".equals(phase)) {
                    throw new RuntimeFailure("the guest's Pod failed: " + reason(pod));
                }
                String stuck = pendingReason(pod);
                if (stuck != null) {
                    throw new RuntimeFailure("the guest's Pod cannot start: " + stuck);
                }
            }
            if (Instant.now().isAfter(limit)) {
                String event = pod != null ? lastWarning("Pod", pod.getMetadata().getName()) : lastWarning("Job", jobName);
                throw new RuntimeFailure("the guest's Pod was still pending after " + pendingLimit.toSeconds() + " s"
                        + (pod != null ? ": " + reason(pod) : " (the Job made no Pod)") + (event != null ? ": " + event : ""));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Pod awaitClientsEnd(String name, String jobName) throws Exception {
        Instant limit = Instant.now().plusSeconds(settings.deadlineSeconds());
        while (true) {
            checkStop();
            Pod pod = client.pods().inNamespace(settings.namespace()).withName(name).get();
            if (pod == null) {
                throw new RuntimeFailure("the clients' Pod " + name + " is gone");
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                return pod;
            }
            String stuck = pendingReason(pod);
            if (stuck != null) {
                throw new RuntimeFailure("the clients' Pod cannot start: " + stuck);
            }
            Job job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(jobName).get();
            String failed = jobFailure(job);
            if (failed != null) {
                Pod g = guestPod(jobName);
                throw new RuntimeFailure("the Job failed: " + (g != null ? reason(g) : failed));
            }
            if (Instant.now().isAfter(limit)) {
                throw new RuntimeFailure("the clients' Pod did not end within " + settings.deadlineSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void awaitJobEnd(String jobName) throws Exception {
        Instant limit = Instant.now().plusSeconds(settings.deadlineSeconds());
        while (true) {
            checkStop();
            Job job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(jobName).get();
            if (jobFailure(job) != null || hasCondition(job, "Complete")) {
                return;
            }
            if (Instant.now().isAfter(limit)) {
                throw new RuntimeFailure("the Job did not end within " + settings.deadlineSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void checkStop() throws RuntimeFailure {
        if (stop.requested()) {
            throw new RuntimeFailure("stopped (Ctrl-C)");
        }
    }

    static String jobFailure(Job job) {
        if (job == null) {
            return "the Job is gone";
        }
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                return c.getReason() + (c.getMessage() != null ? ": " + c.getMessage() : "");
            }
        }
        return null;
    }

    private static boolean hasCondition(Job job, String type) {
        return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Why a Pending Pod will not start by itself: unschedulable, or its image cannot be pulled; else null. */
    static String pendingReason(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())) {
                    return "unschedulable: " + c.getMessage();
                }
            }
        }
        ContainerStatus cs = first(pod);
        if (cs != null && cs.getState() != null && cs.getState().getWaiting() != null) {
            String r = cs.getState().getWaiting().getReason();
            if (r != null && (r.contains("ImagePull") || r.equals("ErrImagePull") || r.equals("InvalidImageName")
                    || r.equals("CreateContainerConfigError") || r.equals("CreateContainerError"))) {
                return r + (cs.getState().getWaiting().getMessage() != null ? ": " + cs.getState().getWaiting().getMessage() : "");
            }
        }
        return null;
    }

    /**
     * The newest Warning event about an object ("REASON: message"), or null. Listed for the whole
     * namespace and filtered here: field selectors on involvedObject are not served everywhere.
     */
    private String lastWarning(String kind, String name) {
        try {
            return client.v1().events().inNamespace(settings.namespace()).list().getItems().stream()
                    .filter(ev -> "Warning".equals(ev.getType()) && ev.getInvolvedObject() != null
                            && kind.equals(ev.getInvolvedObject().getKind()) && name.equals(ev.getInvolvedObject().getName()))
                    .max(java.util.Comparator.comparing(ev -> String.valueOf(ev.getLastTimestamp())))
                    .map(ev -> ev.getReason() + ": " + String.valueOf(ev.getMessage()).replaceAll("\\s+", " ").strip())
                    .orElse(null);
        } catch (KubernetesClientException e) {
            return null; // no right to list events: the reason stays the Pod's own
        }
    }

    private static String oneLine(KubernetesClientException k) {
        String m = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
        return String.valueOf(m).replaceAll("\\s+", " ").strip();
    }

    /** A Pod's reason in one line: its container's termination or waiting reason, else its phase and reason. */
    static String reason(Pod pod) {
        ContainerStatus cs = first(pod);
        if (cs != null && cs.getState() != null) {
            var t = cs.getState().getTerminated();
            if (t != null) {
                return "exit code " + t.getExitCode() + (t.getReason() != null ? " (" + t.getReason() + ")" : "");
            }
            if (cs.getState().getWaiting() != null) {
                return String.valueOf(cs.getState().getWaiting().getReason());
            }
        }
        var s = pod.getStatus();
        return s == null ? "no status" : s.getPhase() + (s.getReason() != null ? " (" + s.getReason() + ")" : "");
    }

    private static ContainerStatus first(Pod pod) {
        var s = pod.getStatus();
        return s == null || s.getContainerStatuses() == null || s.getContainerStatuses().isEmpty() ? null
                : s.getContainerStatuses().get(0);
    }

    private String log(String pod) {
        try {
            return client.pods().inNamespace(settings.namespace()).withName(pod).getLog();
        } catch (KubernetesClientException e) {
            err.println("virtbench-k8s: cannot read the log of Pod " + pod + ": " + e.getMessage());
            return null;
        }
    }

    /** Deletes every object labelled with this run's id (Jobs with their Pods, the Services, the clients' Pods). */
    void deleteRun() {
        delete(Map.of(K8sObjects.RUN, settings.runId()));
    }

    /** Deletes one runtime's objects, when it has ended (the others of a --k8s-parallel run may still be running). */
    private void deletePlatform(String label) {
        delete(Map.of(K8sObjects.RUN, settings.runId(), K8sObjects.PLATFORM, label));
    }

    private void delete(Map<String, String> labels) {
        String ns = settings.namespace();
        try {
            client.batch().v1().jobs().inNamespace(ns).withLabels(labels)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            client.pods().inNamespace(ns).withLabels(labels).delete();
            client.services().inNamespace(ns).withLabels(labels).delete();
        } catch (KubernetesClientException e) {
            err.println("virtbench-k8s: could not delete the objects labelled " + K8sObjects.RUN + "=" + settings.runId()
                    + " in namespace " + ns + ": " + e.getMessage() + " (kubectl delete job,pod,service -l "
                    + K8sObjects.RUN + "=" + settings.runId() + ")");
        }
    }

    private static String baseline(List<Path> dirs) throws java.io.IOException {
        for (Path d : dirs) {
            try (java.util.stream.Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                    return io.virtbench.report.Platforms.of(ResultFiles.read(f));
                }
            }
        }
        throw new UserException("no result files under " + dirs);
    }

    private void report(List<Map<String, Object>> records) throws java.io.IOException {
        List<Path> dirs = new ArrayList<>();
        List<String> withResults = new ArrayList<>();
        for (Map<String, Object> r : records) {
            Path d = outDir.resolve((String) r.get("label"));
            for (Path steps : List.of(d.resolve("steps"), d.resolve("guest").resolve("steps"))) {
                if (Files.isDirectory(steps)) {
                    dirs.add(steps);
                    if (!withResults.contains((String) r.get("label"))) {
                        withResults.add((String) r.get("label"));
                    }
                }
            }
        }
        if (withResults.size() < 2) {
            out.println("virtbench-k8s: no report: results from " + withResults.size() + " runtime(s), a comparison needs two"
                    + " (the results are in " + outDir + ")");
            return;
        }
        // the report names each result set by the platform it detected in its files (e.g. runc as docker): the first is the baseline
        try {
            String baseline = baseline(dirs);
            Path html = outDir.resolve("report.html");
            PlatformReport.run(new PlatformReport.Options(dirs, baseline, null, PlatformReport.Format.HTML, html,
                    Comparison.DEFAULT_ALPHA), out, err, "virtbench-k8s");
            PlatformReport.run(new PlatformReport.Options(dirs, baseline, null, PlatformReport.Format.TEXT, null,
                    Comparison.DEFAULT_ALPHA), out, err, "virtbench-k8s");
            out.println("report: " + html);
        } catch (UserException e) {
            err.println("virtbench-k8s: no report: " + e.getMessage());
        }
    }
}

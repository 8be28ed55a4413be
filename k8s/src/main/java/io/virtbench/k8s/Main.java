package io.virtbench.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.suite.Profile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code virtbench-k8s}: virtbench's suite on a Kubernetes cluster, one RuntimeClass after
 * another. A jar of its own because the Kubernetes client (fabric8, about 19 MB) stays out of the
 * guest jar.
 */
@Command(name = "virtbench-k8s", mixinStandardHelpOptions = true, version = "virtbench-k8s 0.1.0",
        subcommands = {Main.Manifests.class, Main.Suite.class, Main.Collect.class},
        description = "Run virtbench's suite on Kubernetes: one Job per RuntimeClass, results read back through the API.")
public final class Main implements Callable<Integer> {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern NODE = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    @Override
    public Integer call() {
        throw UserException.usage("name a command: manifests or suite");
    }

    /** The options both commands share. */
    static class Common {
        @Option(names = "--on", required = true, paramLabel = "[LABEL=]k8s:RUNTIMECLASS,...",
                description = "the RuntimeClasses to compare, the first is the baseline")
        String on;
        @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "the virtbench image (the repository's Containerfile)")
        String image;
        @Option(names = "--k8s-namespace", paramLabel = "NS", defaultValue = "default", description = "namespace (default: default)")
        String namespace;
        @Option(names = "--k8s-node", paramLabel = "NODE",
                description = "the node every Pod runs on (suite's default: the first Ready, uncordoned node that takes every RuntimeClass's Pods)")
        String node;
        @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "quick", description = "suite profile (default: quick)")
        String profile;
        @Option(names = "--only", split = ",", paramLabel = "STEP") List<String> only = new ArrayList<>();
        @Option(names = "--skip", split = ",", paramLabel = "STEP") List<String> skip = new ArrayList<>();
        @Option(names = "--repeat", paramLabel = "N") Integer repeat;
        @Option(names = "--set", paramLabel = "NAME=VALUE") Map<String, String> vars = new LinkedHashMap<>();
        @Option(names = "--cpu", paramLabel = "CPU", defaultValue = "2", description = "CPU request = limit per Pod (default: 2)")
        String cpu;
        @Option(names = "--memory", paramLabel = "MEM", defaultValue = "2Gi", description = "memory request = limit per Pod (default: 2Gi)")
        String memory;
        @Option(names = "--k8s-deadline", paramLabel = "SECONDS", defaultValue = "7200",
                description = "every Pod ends after this long, also if virtbench is gone (default: 7200)")
        long deadline;

        /** Checks every option before any work; returns the settings with a fresh run id. */
        K8sObjects.Settings settings() {
            if (!DNS_LABEL.matcher(namespace).matches()) {
                throw UserException.usage("invalid value for --k8s-namespace: '" + namespace + "' (a DNS label: a-z, 0-9, '-')");
            }
            if (node != null && !NODE.matcher(node).matches()) {
                throw UserException.usage("invalid value for --k8s-node: '" + node + "'");
            }
            if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
                throw UserException.usage("invalid value for --image: '" + image + "'");
            }
            if (deadline < 60 || deadline > 7 * 86400) {
                throw UserException.usage("invalid value for --k8s-deadline: " + deadline + " (60..604800 s)");
            }
            if (repeat != null && (repeat < 1 || repeat > 1000)) {
                throw UserException.usage("invalid value for --repeat: " + repeat + " (1..1000)");
            }
            quantity("--cpu", cpu);
            quantity("--memory", memory);
            String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
            return new K8sObjects.Settings(namespace, node, image, run, cpu, memory, deadline);
        }

        List<K8sPlan.Entry> plan(K8sObjects.Settings s) throws Exception {
            List<K8sPlan.Platform> platforms = K8sPlan.parseOn(on);
            Profile p = Profile.load(profile);
            p.checkCommands(profile, false);
            List<String> extra = repeat == null ? List.of() : List.of("--repeat", Integer.toString(repeat));
            return K8sPlan.build(p, platforms, s, new LinkedHashSet<>(only), new LinkedHashSet<>(skip), extra, vars);
        }

        private static void quantity(String option, String value) {
            if (!value.matches("[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?")) {
                throw UserException.usage("invalid value for " + option + ": '" + value + "' (a Kubernetes quantity: 2, 500m, 2Gi)");
            }
        }
    }

    @Command(name = "manifests", mixinStandardHelpOptions = true,
            description = "Print the objects suite would create as YAML (kubectl apply -f -), one runtime after another.")
    static final class Manifests implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() throws Exception {
            List<K8sPlan.Entry> entries = common.plan(common.settings());
            if (common.node == null) {
                System.err.println("virtbench-k8s: warning: no --k8s-node: the Pods are not pinned to one node");
            }
            System.out.print(yaml(entries));
            return 0;
        }
    }

    @Command(name = "suite", mixinStandardHelpOptions = true,
            description = "Run the suite per RuntimeClass through the cluster's API (kubeconfig: KUBECONFIG, ~/.kube/config, in-cluster).")
    static final class Suite implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: virtbench-results/k8s-RUN)")
        Path out;
        @Option(names = "--k8s-parallel", description = "run every RuntimeClass's Pods at the same time: a noisy-neighbour run, and the report says so")
        boolean parallel;

        @Override
        public Integer call() throws Exception {
            K8sObjects.Settings s = common.settings();
            List<K8sPlan.Entry> checked = common.plan(s); // every option checked before the cluster is asked anything
            Path dir = out != null ? out : Path.of("virtbench-results", "k8s-" + s.runId());
            StopSignal stop = StopSignal.never();
            try (var client = clients.get()) {
                if (s.node() == null) {
                    List<String> classes = checked.stream().map(e -> e.platform().runtimeClass()).toList();
                    boolean withClients = checked.stream().anyMatch(e -> e.objects().clients() != null);
                    s = new K8sObjects.Settings(s.namespace(), NodeChoice.pick(client, classes, withClients), s.image(), s.runId(),
                            s.cpu(), s.memory(), s.deadlineSeconds());
                    System.out.println("virtbench-k8s: every Pod runs on node " + s.node() + " (--k8s-node to choose)");
                }
                List<K8sPlan.Entry> entries = common.plan(s);
                K8sSuite suite = new K8sSuite(client, s, entries, dir, System.out, System.err, stop, parallel);
                // Ctrl-C: the JVM runs only its hooks from here on, so the hook itself deletes what the run created
                Thread hook = new Thread(() -> {
                    stop.request();
                    suite.deleteRun();
                }, "virtbench-k8s-teardown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    return suite.run();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // already shutting down: the hook runs
                    }
                }
            }
        }
    }

    /** Where the cluster is: the kubeconfig found the usual way (KUBECONFIG, ~/.kube/config, in-cluster). */
    static java.util.function.Supplier<io.fabric8.kubernetes.client.KubernetesClient> clients =
            () -> new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Write the result files a Pod printed (kubectl logs POD > FILE) into a directory, after manifests.",
                    "Then: virtbench report DIR/... (the guest's files under LABEL/guest, the clients' under LABEL)."})
    static final class Collect implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "LOG", description = "a Pod's log, as kubectl logs saved it")
        Path log;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the files go")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(log)) {
                throw UserException.usage("invalid value for LOG: " + log + " is not a file");
            }
            List<Path> files = ResultLog.extract(java.nio.file.Files.readString(log), out);
            if (files.isEmpty()) {
                throw new UserException("no result files in " + log + " (no complete " + PodScripts.BEGIN.strip() + " ... block)");
            }
            System.out.println("virtbench-k8s: " + files.size() + " result files written under " + out);
            return 0;
        }
    }

    /** Every runtime's objects as one YAML stream. */
    static String yaml(List<K8sPlan.Entry> entries) {
        KubernetesSerialization ser = new KubernetesSerialization();
        StringBuilder b = new StringBuilder();
        for (K8sPlan.Entry e : entries) {
            for (HasMetadata o : e.objects().all()) {
                String y = ser.asYaml(o);
                b.append(y.startsWith("---") ? "" : "---\n").append(y);
                if (!y.endsWith("\n")) {
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, r) -> {
            if (e instanceof UserException u) {
                err.println("virtbench-k8s: " + u.getMessage());
                return u.exitCode();
            }
            err.println("virtbench-k8s: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("virtbench-k8s: " + e.getMessage());
            return 2;
        });
        return cl.execute(args);
    }
}

package io.virtbench.k8s;

import io.virtbench.core.FileTrees;
import io.virtbench.core.UserException;
import io.virtbench.suite.Profile;
import io.virtbench.suite.SuiteRunner;
import io.virtbench.suite.platform.GuestScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What runs where for {@code --on k8s:RUNTIMECLASS,...}: the profile's steps split into those that
 * run inside the guest (no {target}) and those the clients' Pod runs against the guest's Service,
 * and the objects of every runtime.
 */
final class K8sPlan {
    /** One platform of the list: {@code [LABEL=]k8s:RUNTIMECLASS}. */
    record Platform(String label, String runtimeClass) {
    }

    /** A runtime's platform and its objects. */
    record Entry(Platform platform, K8sObjects.Set objects, List<String> local, List<String> remote) {
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");
    /** A RuntimeClass name is a DNS subdomain. */
    private static final Pattern DNS = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final String[] PORTS = {"net-port", "http-port", "db-port"};

    private K8sPlan() {
    }

    static List<Platform> parseOn(String on) {
        if (on == null || on.isBlank()) {
            throw UserException.usage("invalid value for --on: empty (expected [LABEL=]k8s:RUNTIMECLASS, ...)");
        }
        List<Platform> list = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String one : on.split(",")) {
            String s = one.strip();
            String label = null;
            int eq = s.indexOf('=');
            if (eq >= 0) {
                label = s.substring(0, eq);
                s = s.substring(eq + 1);
                if (!LABEL.matcher(label).matches()) {
                    throw UserException.usage("invalid value for --on: bad label '" + label + "' (letters, digits, '.', '_', '-')");
                }
            }
            if (!s.startsWith("k8s:") || !DNS.matcher(s.substring(4)).matches()) {
                throw UserException.usage("invalid value for --on: '" + one.strip()
                        + "' (expected [LABEL=]k8s:RUNTIMECLASS, a RuntimeClass name such as runc, gvisor, kata-fc)");
            }
            Platform p = new Platform(label != null ? label : s.substring(4), s.substring(4));
            if (!labels.add(p.label())) {
                throw UserException.usage("invalid value for --on: the label '" + p.label() + "' is used twice");
            }
            list.add(p);
        }
        return list;
    }

    /**
     * Builds every runtime's objects. The ports are those `virtbench serve` listens on by default
     * (or --set net-port=..., ...), fixed because the Service names them.
     */
    static List<Entry> build(Profile profile, List<Platform> platforms, K8sObjects.Settings settings, Set<String> only,
                             Set<String> skip, List<String> extra, Map<String, String> vars) throws IOException {
        Path scratch = Files.createTempDirectory("virtbench-k8s-plan");
        try {
            SuiteRunner planner = new SuiteRunner(profile, new SuiteRunner.Options(scratch, false, null, "guest", only, skip,
                    extra, vars), (a, o, e, s) -> 2, System.out, System.err, io.virtbench.core.harness.StopSignal.never());
            Map<String, String> values = new LinkedHashMap<>(planner.placeholders());
            values.put("out", PodScripts.OUT);
            values.put("work", PodScripts.OUT + "/work");
            List<String> local = new ArrayList<>();
            List<String> remote = new ArrayList<>();
            for (Profile.Step s : planner.selectedSteps()) {
                (SuiteRunner.addressesTarget(profile, vars, s, values) ? remote : local).add(s.name());
            }
            Set<Integer> ports = new LinkedHashSet<>();
            for (String p : PORTS) {
                ports.add(port(values.get(p), p));
            }
            List<Integer> ready = readyPorts(profile, values);
            List<String> suiteArgs = new ArrayList<>(extra);
            suiteArgs.addAll(GuestScript.setArgs(vars));
            List<Entry> entries = new ArrayList<>();
            for (Platform p : platforms) {
                String service = K8sObjects.base(settings, p.label());
                String guest = PodScripts.guest(profile, p.label(), local, suiteArgs, values, !remote.isEmpty());
                String clients = remote.isEmpty() ? null
                        : PodScripts.clients(profile, p.label(), service, ready, remote, suiteArgs);
                entries.add(new Entry(p, K8sObjects.build(settings, p.label(), p.runtimeClass(), guest, clients,
                        List.copyOf(ports)), local, remote));
            }
            return entries;
        } finally {
            FileTrees.delete(scratch);
        }
    }

    private static int port(String value, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw UserException.usage("invalid value for --set " + name + ": '" + value + "' (must be 1..65535)");
    }

    /** The ports of the services' ready lines ({@code tcp:HOST:PORT,...}): the clients wait for these. */
    private static List<Integer> readyPorts(Profile profile, Map<String, String> values) {
        List<Integer> ports = new ArrayList<>();
        for (Profile.Service s : profile.services()) {
            if (s.ready().isEmpty()) {
                continue;
            }
            for (String one : Profile.substitute(s.ready(), values).split(",")) {
                String t = one.strip();
                ports.add(port(t.substring(t.lastIndexOf(':') + 1), "the ready line's port"));
            }
        }
        return ports;
    }
}

package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One platform of {@code suite --on}: {@code [LABEL=]KIND[:ARG]}. Kinds: {@code host} (this
 * machine), {@code oci:RUNTIME [FLAGS]} (a guest started with an OCI runtime's own command line:
 * runc, crun, runsc, youki, kata-runtime), {@code ssh:USER@HOST[:PORT] [SSH-OPTIONS]} (an existing
 * machine; the options, e.g. {@code -i KEY}, go to every ssh command).
 *
 * @param label   the platform label every result carries (default: host, the runtime's name, the ssh host)
 * @param kind    host, oci or ssh
 * @param arg     the runtime (oci) or USER@HOST[:PORT] (ssh); empty for host
 * @param flags   runtime flags given after the runtime (oci), e.g. {@code --platform=ptrace}
 */
public record PlatformSpec(String label, Kind kind, String arg, List<String> flags) {

    public enum Kind { HOST, OCI, SSH }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SSH = Pattern.compile("([A-Za-z0-9._-]+@)?[A-Za-z0-9.:_\\[\\]-]+");

    /** The runtime's program name without its directory: what decides runtime-specific handling. */
    public String runtimeName() {
        return kind == Kind.OCI ? Path.of(arg).getFileName().toString() : "";
    }

    /** As the user wrote it (without the label). */
    public String describe() {
        return switch (kind) {
            case HOST -> "host";
            case OCI -> "oci:" + arg + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
            case SSH -> "ssh:" + arg + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
        };
    }

    /** Parses the comma-separated list of {@code --on}; a bad entry is a usage error naming it. */
    public static List<PlatformSpec> parseList(String on) {
        if (on == null || on.isBlank()) {
            throw UserException.usage("invalid value for --on: empty (expected [LABEL=]host|oci:RUNTIME|ssh:USER@HOST, ...)");
        }
        List<PlatformSpec> specs = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String one : on.split(",")) {
            if (one.strip().replaceFirst("^[^=:]*=", "").startsWith("k8s:")) {
                // the Kubernetes client lives in its own jar, so that this one (the guest's) stays small
                throw UserException.usage("--on " + one.strip() + ": Kubernetes runs come from virtbench-k8s.jar"
                        + " (k8s/target/virtbench-k8s.jar): java -jar virtbench-k8s.jar suite --on " + on.strip()
                        + " --image IMAGE");
            }
        }
        for (String one : on.split(",")) {
            PlatformSpec s = parse(one.strip());
            if (!labels.add(s.label())) {
                throw UserException.usage("invalid value for --on: the label '" + s.label()
                        + "' is used twice (give each platform its own: LABEL=KIND)");
            }
            specs.add(s);
        }
        return specs;
    }

    static PlatformSpec parse(String spec) {
        String[] words = spec.split("\\s+");
        String head = words[0];
        List<String> flags = List.of(words).subList(1, words.length);
        String label = null;
        int eq = head.indexOf('=');
        if (eq >= 0) {
            label = head.substring(0, eq);
            head = head.substring(eq + 1);
            if (!LABEL.matcher(label).matches()) {
                throw UserException.usage("invalid value for --on: bad label '" + label + "' in '" + spec
                        + "' (letters, digits, '.', '_', '-')");
            }
        }
        int colon = head.indexOf(':');
        String kind = colon < 0 ? head : head.substring(0, colon);
        String arg = colon < 0 ? "" : head.substring(colon + 1);
        switch (kind) {
            case "host" -> {
                if (!arg.isEmpty() || !flags.isEmpty()) {
                    throw UserException.usage("invalid value for --on: 'host' takes no argument, got '" + spec + "'");
                }
                return new PlatformSpec(label != null ? label : "host", Kind.HOST, "", List.of());
            }
            case "oci" -> {
                if (arg.isEmpty()) {
                    throw UserException.usage("invalid value for --on: '" + spec + "' names no runtime (oci:runc, oci:runsc, ...)");
                }
                for (String f : flags) {
                    if (!f.startsWith("-")) {
                        throw UserException.usage("invalid value for --on: runtime flag '" + f + "' in '" + spec
                                + "' does not start with '-'");
                    }
                }
                String name = Path.of(arg).getFileName().toString();
                return new PlatformSpec(label != null ? label : name, Kind.OCI, arg, List.copyOf(flags));
            }
            case "ssh" -> {
                if (!SSH.matcher(arg).matches()) {
                    throw UserException.usage("invalid value for --on: '" + spec + "' (expected ssh:USER@HOST[:PORT] [SSH-OPTIONS])");
                }
                String host = arg.contains("@") ? arg.substring(arg.indexOf('@') + 1) : arg;
                int portColon = host.lastIndexOf(':');
                String hostName = portColon > 0 && !host.endsWith("]") ? host.substring(0, portColon) : host;
                String def = hostName.replaceAll("[^A-Za-z0-9._-]", "");
                return new PlatformSpec(label != null ? label : def, Kind.SSH, arg, List.copyOf(flags));
            }
            default -> throw UserException.usage("invalid value for --on: unknown kind '" + kind + "' in '" + spec
                    + "' (expected host, oci:RUNTIME or ssh:USER@HOST)");
        }
    }
}

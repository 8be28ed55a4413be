package io.virtbench.suite;

import io.virtbench.core.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite profile: a readable text file whose steps are virtbench command lines, run in order.
 *
 * <pre>
 * # comment
 * name = quick
 * description = A few minutes on a laptop
 * var work = {out}/work                      # a placeholder and its default value
 * service net-server = net server -p {net-port}
 * ready net-server = tcp:127.0.0.1:{net-port}
 * step cpu = cpu --time 5 --repeat 3
 * </pre>
 *
 * Placeholders in braces are replaced when a step runs: {@code {out}}, {@code {target}},
 * {@code {platform}}, the ports the suite picked, and every {@code var}. Services are started
 * before the first step and stopped after the last, unless the suite runs against a separate
 * {@code --target}.
 */
public record Profile(String name, String description, Map<String, String> vars, List<Service> services,
                      List<Step> steps) {

    /** A step: its name (also its results directory) and its command line. */
    public record Step(String name, String command) {
    }

    /** A background service: its command line and how to know it is ready ({@code tcp:HOST:PORT} or empty). */
    public record Service(String name, String command, String ready) {
    }

    private static final Pattern LINE = Pattern.compile("^(name|description|var|service|ready|step)(?:\\s+([A-Za-z0-9._-]+))?\\s*=\\s*(.*)$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** A built-in profile (quick, thesis) or a profile file. */
    public static Profile load(String nameOrPath) {
        String resource = "/io/virtbench/suite/profiles/" + nameOrPath + ".profile";
        try (InputStream in = Profile.class.getResourceAsStream(resource)) {
            if (in != null && NAME.matcher(nameOrPath).matches()) {
                return parse(nameOrPath + ".profile", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UserException("cannot read the built-in profile " + nameOrPath + ": " + e.getMessage());
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw UserException.usage("invalid value for --profile: '" + nameOrPath
                    + "' is neither a built-in profile (quick, thesis) nor a file");
        }
        try {
            return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException("cannot read profile " + p + ": " + e.getMessage());
        }
    }

    /**
     * The steps and services that run commands of the profile's own choosing: {@code boot}, whose
     * {@code --launch} and {@code --teardown} are shell commands. Every other step is one of
     * virtbench's workloads. Placeholders are resolved with the profile's vars first, so a var
     * cannot hide one.
     */
    public List<String> commands() {
        List<String> found = new ArrayList<>();
        for (Step s : steps) {
            if (runsCommands(resolve(s.command()))) {
                found.add("step " + s.name() + " (" + s.command() + ")");
            }
        }
        for (Service s : services) {
            if (runsCommands(resolve(s.command()))) {
                found.add("service " + s.name() + " (" + s.command() + ")");
            }
        }
        return found;
    }

    /**
     * A profile is code: its commands run only when the profile file was named by its path on the
     * command line ({@code --profile ./lab.profile}; a bare name may be a file of the current
     * directory, picked up rather than chosen) or with {@code --allow-commands}. Otherwise a usage
     * error naming the first such step.
     */
    public void checkCommands(String profileArgument, boolean allowCommands) {
        List<String> c = commands();
        if (c.isEmpty() || allowCommands || profileArgument.contains("/")) {
            return;
        }
        throw UserException.usage("profile " + name + " runs shell commands (" + c.get(0) + (c.size() > 1 ? " and "
                + (c.size() - 1) + " more" : "") + "): name the profile file by its path (--profile ./" + profileArgument
                + ") or add --allow-commands");
    }

    private String resolve(String command) {
        String t = command;
        for (int i = 0; i < 10 && t.contains("{"); i++) {
            for (Map.Entry<String, String> v : vars.entrySet()) {
                t = t.replace("{" + v.getKey() + "}", v.getValue());
            }
        }
        return t;
    }

    private static boolean runsCommands(String command) {
        List<String> args;
        try {
            args = split(command);
        } catch (UserException e) {
            args = List.of(command.strip().split("\\s+"));
        }
        if (!args.isEmpty() && args.get(0).equals("boot")) {
            return true;
        }
        return args.stream().anyMatch(a -> a.equals("--launch") || a.startsWith("--launch=") || a.equals("--teardown")
                || a.startsWith("--teardown="));
    }

    /** Parses profile text; an error names the source and line. */
    public static Profile parse(String source, String text) {
        String name = null;
        String description = "";
        Map<String, String> vars = new LinkedHashMap<>();
        Map<String, String> serviceCommands = new LinkedHashMap<>();
        Map<String, String> ready = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            String where = source + ":" + (i + 1);
            if (!m.matches()) {
                throw UserException.usage(where + ": expected 'name|description|var|service|ready|step [NAME] = VALUE', got '" + line + "'");
            }
            String kind = m.group(1);
            String key = m.group(2);
            String value = m.group(3).strip();
            boolean keyed = !kind.equals("name") && !kind.equals("description");
            if (keyed != (key != null)) {
                throw UserException.usage(where + ": '" + kind + "' " + (keyed ? "needs a name" : "takes no name"));
            }
            switch (kind) {
                case "name" -> name = value;
                case "description" -> description = value;
                case "var" -> vars.put(key, value);
                case "service" -> serviceCommands.put(key, value);
                case "ready" -> ready.put(key, value);
                default -> {
                    if (steps.stream().anyMatch(s -> s.name().equals(key))) {
                        throw UserException.usage(where + ": step '" + key + "' is defined twice");
                    }
                    if (value.isEmpty()) {
                        throw UserException.usage(where + ": step '" + key + "' has no command");
                    }
                    steps.add(new Step(key, value));
                }
            }
        }
        for (String s : ready.keySet()) {
            if (!serviceCommands.containsKey(s)) {
                throw UserException.usage(source + ": 'ready " + s + "' names no service");
            }
        }
        if (steps.isEmpty()) {
            throw UserException.usage(source + ": the profile has no steps");
        }
        List<Service> services = new ArrayList<>();
        serviceCommands.forEach((k, v) -> services.add(new Service(k, v, ready.getOrDefault(k, ""))));
        return new Profile(name == null ? source : name, description, vars, services, steps);
    }

    /** The profile as profile text again (what {@link #parse} reads back into an equal profile). */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("name = ").append(name).append('\n');
        if (!description.isEmpty()) {
            b.append("description = ").append(description).append('\n');
        }
        vars.forEach((k, v) -> b.append("var ").append(k).append(" = ").append(v).append('\n'));
        for (Service s : services) {
            b.append("service ").append(s.name()).append(" = ").append(s.command()).append('\n');
            if (!s.ready().isEmpty()) {
                b.append("ready ").append(s.name()).append(" = ").append(s.ready()).append('\n');
            }
        }
        for (Step s : steps) {
            b.append("step ").append(s.name()).append(" = ").append(s.command()).append('\n');
        }
        return b.toString();
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        if (line.startsWith("#")) {
            return "";
        }
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** Replaces {@code {name}} placeholders; an unknown placeholder is an error naming it. */
    public static String substitute(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\\{([A-Za-z0-9._-]+)}").matcher(text);
        int last = 0;
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw UserException.usage("unknown placeholder {" + m.group(1) + "} in '" + text + "'");
            }
            out.append(text, last, m.start()).append(v);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** Splits a command line into arguments: whitespace separates, single and double quotes group. */
    public static List<String> split(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw UserException.usage("unbalanced quote in '" + command + "'");
        }
        if (any || cur.length() > 0) {
            args.add(cur.toString());
        }
        return args;
    }
}

package io.virtbench.suite.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The guest's side of {@code suite --on} as one POSIX shell script, the same for every kind of
 * guest: signal that it runs ({@link #STARTED}), record {@code sysinfo}, run the guest-local steps (cpu, fileio, pipeline: those that
 * address no {target}) with {@code virtbench suite}, write their exit status to
 * {@code OUT/local.exit}, then run the services (serve on the guest's own address) for the host's
 * clients until the guest is stopped. Every argument is single-quoted.
 *
 * @param virtbench   the command that starts virtbench in the guest, e.g. {@code [/vb/java/bin/java, -jar, /vb/virtbench.jar]}
 * @param outDir      the guest-side results directory (the host reads it)
 * @param profileFile the guest-side profile file
 * @param label       the platform label
 * @param localSteps  the steps to run inside (empty: none)
 * @param suiteArgs   more arguments for the guest's suite (--repeat, --set NAME=VALUE)
 * @param services    the services' virtbench command lines (already substituted), run after the steps
 */
public record GuestScript(List<String> virtbench, String outDir, String profileFile, String label, List<String> localSteps,
                          List<String> suiteArgs, List<List<String>> services) {

    /** The file the script writes the local steps' exit status to, relative to {@code outDir}. */
    public static final String LOCAL_EXIT = "local.exit";
    public static final String SYSINFO = "sysinfo.json";
    /** The file the script's first command creates: the guest runs (its boot time ends there). */
    public static final String STARTED = "started";

    public String text() {
        StringBuilder b = new StringBuilder();
        String vb = join(virtbench);
        String out = quote(outDir);
        b.append(": > ").append(out).append('/').append(STARTED).append('\n');
        b.append("cd /tmp || exit 1\n");
        b.append(vb).append(" sysinfo --format json > ").append(out).append('/').append(SYSINFO)
                .append(" || echo 'virtbench guest: sysinfo failed' >&2\n");
        if (!localSteps.isEmpty()) {
            List<String> suite = new ArrayList<>(List.of("suite", "--profile", profileFile, "--only", String.join(",", localSteps),
                    "--out", outDir, "--platform", label, "--no-report"));
            suite.addAll(suiteArgs);
            b.append(vb).append(' ').append(join(suite)).append('\n');
            b.append("echo $? > ").append(out).append('/').append(LOCAL_EXIT).append('\n');
        } else {
            b.append("echo 0 > ").append(out).append('/').append(LOCAL_EXIT).append('\n');
        }
        for (int i = 0; i < services.size(); i++) {
            // the last service replaces the shell, so that the runtime's kill reaches it directly
            boolean last = i == services.size() - 1;
            b.append(last ? "exec " : "").append(vb).append(' ').append(join(services.get(i))).append(last ? "\n" : " &\n");
        }
        return b.toString();
    }

    /** {@code --set NAME=VALUE} for every override. */
    public static List<String> setArgs(Map<String, String> vars) {
        List<String> a = new ArrayList<>();
        vars.forEach((k, v) -> {
            a.add("--set");
            a.add(k + "=" + v);
        });
        return a;
    }

    /** {@code args} as one POSIX shell command line, each quoted. */
    public static String join(List<String> args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add(quote(a));
        }
        return String.join(" ", q);
    }

    /** {@code s} as one POSIX shell word: single-quoted, a quote inside as '\''. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

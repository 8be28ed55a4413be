package io.virtbench.k8s;

import static io.virtbench.suite.platform.GuestScript.join;
import static io.virtbench.suite.platform.GuestScript.quote;

import io.virtbench.suite.Profile;
import io.virtbench.suite.platform.GuestScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell scripts the two Pods of one runtime run, and the way their results come back: every
 * result file is printed to the container's stdout between {@link #BEGIN} and {@link #END} lines
 * (read back through the API's pod log, so no volume or object store is needed), and a short
 * digest (file count and the SHA-256 of the files) goes to the termination message.
 */
final class PodScripts {
    static final String BEGIN = "===virtbench-file-begin ";
    static final String END = "===virtbench-file-end ";
    /** The results directory inside both Pods (an emptyDir would do as well; /tmp is writable in the image). */
    static final String OUT = "/tmp/virtbench-out";
    static final String PROFILE = "/tmp/virtbench.profile";
    /** Where Kubernetes reads a container's termination message from (terminationMessagePath's default). */
    static final String TERMINATION_LOG = "/dev/termination-log";
    /** The virtbench command of the repository's Containerfile image. */
    static final List<String> VIRTBENCH = List.of("/opt/virtbench/bin/virtbench");
    /** How long the clients wait for the guest's ports, in one-second tries. */
    static final int PORT_TRIES = 600;

    private PodScripts() {
    }

    /**
     * The guest's side: sysinfo and the guest-local steps (GuestScript, unchanged), their results
     * printed, then the services listening on every address of the Pod until the Job is deleted.
     */
    static String guest(Profile profile, String label, List<String> localSteps, List<String> suiteArgs,
                        Map<String, String> values, boolean services) {
        StringBuilder b = new StringBuilder();
        b.append(writeProfile(profile));
        b.append(new GuestScript(VIRTBENCH, OUT, PROFILE, label, localSteps, suiteArgs, List.of()).text());
        b.append(dumpResults(OUT, TERMINATION_LOG));
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put("bind", "0.0.0.0");
        v.put("target", "0.0.0.0");
        for (int i = 0; services && i < profile.services().size(); i++) {
            List<String> cmd = new ArrayList<>(VIRTBENCH);
            cmd.addAll(Profile.split(Profile.substitute(profile.services().get(i).command(), v)));
            b.append(join(cmd)).append(" &\n");
        }
        if (services && !profile.services().isEmpty()) {
            // the services run until the orchestrator deletes the Job (or its activeDeadlineSeconds ends it)
            b.append("wait\n");
        }
        b.append("exit \"$(cat ").append(quote(OUT + "/" + GuestScript.LOCAL_EXIT)).append(")\"\n");
        return b.toString();
    }

    /** The clients' side: wait for the guest's ports through the Service, run the steps that address it, print the results. */
    static String clients(Profile profile, String label, String service, List<Integer> ports, List<String> remoteSteps,
                          List<String> suiteArgs) {
        StringBuilder b = new StringBuilder();
        b.append(writeProfile(profile));
        b.append("mkdir -p ").append(quote(OUT)).append(" && cd /tmp || exit 1\n");
        for (int port : ports) {
            b.append("i=0; until (exec 3<> /dev/tcp/").append(service).append('/').append(port).append(") 2>/dev/null; do ")
                    .append("i=$((i+1)); [ $i -ge ").append(PORT_TRIES).append(" ] && { echo 'virtbench clients: ")
                    .append(service).append(':').append(port).append(" never answered' >&2; exit 1; }; sleep 1; done\n");
        }
        List<String> suite = new ArrayList<>(VIRTBENCH);
        suite.addAll(List.of("suite", "--profile", PROFILE, "--only", String.join(",", remoteSteps), "--target", service,
                "--out", OUT, "--platform", label, "--no-report"));
        suite.addAll(suiteArgs);
        b.append(join(suite)).append('\n');
        b.append("rc=$?\n");
        b.append(dumpResults(OUT, TERMINATION_LOG));
        b.append("exit $rc\n");
        return b.toString();
    }

    private static String writeProfile(Profile profile) {
        String text = profile.toText();
        String eof = "VIRTBENCH_PROFILE_EOF";
        return "mkdir -p " + quote(OUT) + " || exit 1\ncat > " + quote(PROFILE) + " <<'" + eof + "'\n" + text
                + (text.endsWith("\n") ? "" : "\n") + eof + "\n";
    }

    /** Every file under OUT between marker lines, then the digest as the termination message (4 KiB cap: a few words). */
    static String dumpResults(String out, String terminationLog) {
        return "( cd " + quote(out) + " && find . -type f | sort | while read -r f; do echo \"" + BEGIN + "$f\"; cat \"$f\"; "
                + "echo; echo \"" + END + "$f\"; done )\n"
                + "( cd " + quote(out) + " && echo \"files=$(find . -type f | wc -l) sha256=$(find . -type f -print0 | sort -z | "
                + "xargs -0 cat | sha256sum | cut -c1-64)\" > " + quote(terminationLog) + " ) 2>/dev/null\n";
    }
}

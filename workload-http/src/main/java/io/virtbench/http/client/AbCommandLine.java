package io.virtbench.http.client;

import io.virtbench.core.nativetool.NativeTool;
import java.util.ArrayList;
import java.util.List;

/** The native ab command line equivalent to a client's options: what a result records, what the crosscheck runs. */
public final class AbCommandLine {
    private AbCommandLine() {
    }

    /** The ab command that runs the same benchmark as {@code virtbench http bench} with these options. */
    public static List<String> of(AbOptions o) {
        List<String> c = new ArrayList<>();
        c.add("ab");
        if (o.keepAlive()) {
            c.add("-k");
        }
        if (o.recvErrorsOk()) {
            c.add("-r");
        }
        if (o.timeLimit() > 0) {
            // -t sets -n to 50000; an -n after it wins
            c.add("-t");
            c.add(whole(Math.ceil(o.timeLimit())));
        }
        c.add("-n");
        c.add(Integer.toString(o.requests()));
        c.add("-c");
        c.add(Integer.toString(o.concurrency()));
        if (o.timeout() != AbOptions.DEFAULT_TIMEOUT) {
            c.add("-s");
            c.add(whole(Math.max(1, Math.ceil(o.timeout()))));
        }
        for (String h : o.headers()) {
            c.add("-H");
            c.add(h);
        }
        if (o.head()) {
            c.add("-i");
        }
        if (o.postFile() != null) {
            c.add("-p");
            c.add(o.postFile().toString());
        }
        if (o.putFile() != null) {
            c.add("-u");
            c.add(o.putFile().toString());
        }
        if (o.bodyFile() != null && !AbOptions.DEFAULT_CONTENT_TYPE.equals(o.contentType())) {
            c.add("-T");
            c.add(o.contentType());
        }
        if (o.method() != null) {
            c.add("-m");
            c.add(o.method());
        }
        if (o.cookie() != null) {
            c.add("-C");
            c.add(o.cookie());
        }
        if (o.variableLength()) {
            c.add("-l");
        }
        if (o.quiet()) {
            c.add("-q");
        }
        if (o.noPercentiles()) {
            c.add("-d");
        }
        if (o.noConfidence()) {
            c.add("-S");
        }
        c.add(o.url());
        return c;
    }

    /** {@link #of} as one line, quoted where needed. */
    public static String line(AbOptions o) {
        return NativeTool.commandLine(of(o));
    }

    private static String whole(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package io.virtbench.http.client;

import java.net.ConnectException;
import java.util.Locale;

/** Socket errors as ab reports them: the OS's words and errno. */
final class AbErrors {

    private AbErrors() {
    }

    private static final java.util.regex.Pattern NATIVE_ERROR =
            java.util.regex.Pattern.compile(".*?(?:failed with error\\(-?(\\d+)\\)|failed): (.*)");

    private static final java.util.regex.Pattern ADDRESS_SUFFIX = java.util.regex.Pattern.compile("(.*?): [^ /]*/[^ ]*:\\d+");

    /** The OS's words for a socket error, without Netty's "finishConnect(..) failed with error(-111): ". */
    static String reason(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        java.util.regex.Matcher x = NATIVE_ERROR.matcher(m);
        String r = x.matches() ? x.group(2) : m;
        // Netty appends ": <name>/<address>:<port>" (the name empty unless the address has one)
        java.util.regex.Matcher a = ADDRESS_SUFFIX.matcher(r);
        return a.matches() ? a.group(1) : r;
    }

    /** The errno ab would print with the error, or 0 when unknown. */
    static int errno(Throwable t) {
        String m = t.getMessage();
        if (m != null) {
            java.util.regex.Matcher x = NATIVE_ERROR.matcher(m);
            if (x.matches() && x.group(1) != null) {
                return Integer.parseInt(x.group(1));
            }
        }
        String r = reason(t).toLowerCase(Locale.ROOT);
        if (r.contains("connection refused")) {
            return 111;
        }
        if (r.contains("connection reset")) {
            return 104;
        }
        if (r.contains("broken pipe")) {
            return 32;
        }
        if (r.contains("no route to host")) {
            return 113;
        }
        if (r.contains("network is unreachable")) {
            return 101;
        }
        if (r.contains("cannot assign requested address")) {
            return 99;
        }
        if (r.contains("timed out")) {
            return 110;
        }
        return 0;
    }

    static boolean refused(Throwable t) {
        return t instanceof ConnectException && reason(t).toLowerCase(Locale.ROOT).contains("refused");
    }

    static String abError(String call, Throwable t) {
        int e = errno(t);
        return call + ": " + reason(t) + (e > 0 ? " (" + e + ")" : "");
    }
}

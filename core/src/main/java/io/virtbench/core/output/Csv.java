package io.virtbench.core.output;

/**
 * CSV fields as RFC 4180 writes them: a field holding a comma, a quote or a line break is quoted,
 * its quotes doubled. The one escaper for every CSV virtbench writes (run output, reports).
 */
public final class Csv {
    private Csv() {
    }

    /** The field as written; null is the empty field. */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }
}

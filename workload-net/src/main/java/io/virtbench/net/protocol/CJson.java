package io.virtbench.net.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON as iperf3 writes it with its bundled cJSON: an object keeps insertion order and may hold a
 * key twice (iperf3's server writes {@code target_bitrate} twice); {@link #print} is cJSON's
 * formatted printer (tab indentation, {@code "key":<TAB>value}, array elements separated by
 * {@code ", "}) and {@link #compact} its unformatted one, used on the control connection.
 * Numbers print as cJSON prints them: integral values as integers, others with 15 significant
 * digits, or 17 when 15 do not give the value back.
 */
public final class CJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CJson() {
    }

    /** An ordered JSON object; {@link #add} appends even when the key exists (as cJSON does). */
    public static final class Obj {
        private final List<String> keys = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        public Obj add(String key, Object value) {
            keys.add(key);
            values.add(value);
            return this;
        }

        /** The first value under {@code key}, or null. */
        public Object get(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }

        public Obj obj(String key) {
            return (Obj) get(key);
        }

        @SuppressWarnings("unchecked")
        public List<Object> array(String key) {
            return (List<Object>) get(key);
        }

        public boolean has(String key) {
            return keys.contains(key);
        }

        public int size() {
            return keys.size();
        }

        public List<String> keys() {
            return List.copyOf(keys);
        }

        /** Removes every entry under {@code key}. */
        public void remove(String key) {
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (keys.get(i).equals(key)) {
                    keys.remove(i);
                    values.remove(i);
                }
            }
        }

        @Override
        public String toString() {
            return compact(this);
        }
    }

    public static Obj obj() {
        return new Obj();
    }

    /** cJSON_Print: the formatted form iperf3 -J prints (no trailing newline). */
    public static String print(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, true, 0);
        return b.toString();
    }

    /** cJSON_PrintUnformatted: the form sent on the control connection. */
    public static String compact(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, false, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, boolean fmt, int depth) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Obj o) {
            int d = depth + 1;
            b.append('{');
            if (fmt) {
                b.append('\n');
            }
            for (int i = 0; i < o.keys.size(); i++) {
                if (fmt) {
                    b.append("\t".repeat(d));
                }
                string(b, o.keys.get(i));
                b.append(':');
                if (fmt) {
                    b.append('\t');
                }
                write(b, o.values.get(i), fmt, d);
                if (i + 1 < o.keys.size()) {
                    b.append(',');
                }
                if (fmt) {
                    b.append('\n');
                }
            }
            if (fmt) {
                b.append("\t".repeat(d - 1));
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                write(b, l.get(i), fmt, depth + 1);
                if (i + 1 < l.size()) {
                    b.append(',');
                    if (fmt) {
                        b.append(' ');
                    }
                }
            }
            b.append(']');
        } else if (v instanceof Boolean bool) {
            b.append(bool ? "true" : "false");
        } else if (v instanceof Number n) {
            b.append(number(n.doubleValue()));
        } else {
            string(b, v.toString());
        }
    }

    /** cJSON's print_number (iperf3's copy, with int64 integers). */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            return Long.toString((long) d);
        }
        String s = CFormat.g(d, 15);
        double back = Double.parseDouble(s);
        // cJSON's compare_double: equal within DBL_EPSILON relative to the larger magnitude
        if (Math.abs(back - d) > Math.max(Math.abs(back), Math.abs(d)) * Math.ulp(1.0)) {
            s = CFormat.g(d, 17);
        }
        return s;
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 32) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Parses JSON text (from the control connection or a file) into a Jackson tree. */
    public static JsonNode parse(String text) throws IOException {
        JsonNode n = MAPPER.readTree(text);
        if (n == null) {
            throw new IOException("empty JSON");
        }
        return n;
    }

    /** A Jackson tree as a {@link CJson} value (to re-print a peer's JSON in iperf3's layout). */
    public static Object fromJackson(JsonNode n) {
        if (n.isObject()) {
            Obj o = new Obj();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                o.add(e.getKey(), fromJackson(e.getValue()));
            }
            return o;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode x : n) {
                l.add(fromJackson(x));
            }
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isNull()) {
            return null;
        }
        return n.asText();
    }

    /**
     * A JSON number as iperf3's cJSON hands it to an {@code int64} field: the double value,
     * saturated to the int64 range. iperf 3.9–3.12 print −1 as 18446744073709551615 (they print
     * integers unsigned), which thus reads back as INT64_MAX and, stored into a C int, as −1;
     * {@link #cInt} reproduces that.
     */
    public static long int64(JsonNode n) {
        double d = n.asDouble();
        if (d >= 9.223372036854775807E18) {
            return Long.MAX_VALUE;
        }
        if (d <= -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** {@link #int64} truncated to a C int, as iperf3 stores most fields. */
    public static int cInt(JsonNode n) {
        return (int) int64(n);
    }
}

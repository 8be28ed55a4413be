package io.virtbench.oltp.script;

import io.virtbench.core.UserException;
import java.util.Locale;

/** The three OLTP scripts of sysbench 1.0.20 (src/lua/oltp_*.lua) that virtbench re-creates. */
public enum OltpScript {
    READ_ONLY("oltp_read_only", true, false),
    WRITE_ONLY("oltp_write_only", false, true),
    READ_WRITE("oltp_read_write", true, true);

    private final String script;
    private final boolean reads;
    private final boolean writes;

    OltpScript(String script, boolean reads, boolean writes) {
        this.script = script;
        this.reads = reads;
        this.writes = writes;
    }

    /** sysbench's script name, e.g. {@code oltp_read_only}. */
    public String script() {
        return script;
    }

    /** The short name: read_only, write_only, read_write. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transaction has the point selects and range selects. */
    public boolean reads() {
        return reads;
    }

    /** The transaction has the updates and delete/inserts. */
    public boolean writes() {
        return writes;
    }

    /** Accepts read_only, oltp_read_only, oltp_read_only.lua (and - for _). */
    public static OltpScript parse(String s) {
        String n = s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.endsWith(".lua")) {
            n = n.substring(0, n.length() - 4);
            int slash = n.lastIndexOf('/');
            n = n.substring(slash + 1);
        }
        if (n.startsWith("oltp_")) {
            n = n.substring(5);
        }
        for (OltpScript t : values()) {
            if (t.shortName().equals(n)) {
                return t;
            }
        }
        throw UserException.usage("invalid value for --test: '" + s + "' (expected read_only, write_only or read_write,"
                + " or sysbench's oltp_read_only, oltp_write_only, oltp_read_write)");
    }
}

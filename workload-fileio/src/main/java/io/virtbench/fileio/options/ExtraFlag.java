package io.virtbench.fileio.options;

import io.virtbench.core.UserException;
import java.util.EnumSet;
import java.util.Set;

/**
 * sysbench's {@code --file-extra-flags}: {@code sync} = O_SYNC, {@code dsync} = O_DSYNC,
 * {@code direct} = O_DIRECT (sb_fileio.c convert_extra_flags).
 */
public enum ExtraFlag {
    SYNC("sync", "sync "),
    DSYNC("dsync", "dsync "),
    DIRECT("direct", "directio");

    private final String code;
    private final String printed;

    ExtraFlag(String code, String printed) {
        this.code = code;
        this.printed = printed;
    }

    public String code() {
        return code;
    }

    /** Parses sysbench's comma-separated list; empty means none. */
    public static Set<ExtraFlag> parseList(String value) {
        EnumSet<ExtraFlag> set = EnumSet.noneOf(ExtraFlag.class);
        if (value == null || value.isBlank()) {
            return set;
        }
        for (String part : value.split(",", -1)) {
            String p = part.strip();
            ExtraFlag found = null;
            for (ExtraFlag f : values()) {
                if (f.code.equals(p)) {
                    found = f;
                }
            }
            if (found == null) {
                throw UserException.usage("invalid value for --file-extra-flags: '" + value
                        + "' (a comma-separated list of sync, dsync, direct)");
            }
            set.add(found);
        }
        return set;
    }

    /** The list as an option value: "sync,direct", or "" for none. */
    public static String toList(Set<ExtraFlag> flags) {
        StringBuilder b = new StringBuilder();
        for (ExtraFlag f : values()) {
            if (flags.contains(f)) {
                b.append(b.length() == 0 ? "" : ",").append(f.code);
            }
        }
        return b.toString();
    }

    /** sysbench's "Extra file open flags: ..." line (print_file_extra_flags), with its trailing spaces. */
    public static String line(Set<ExtraFlag> flags) {
        StringBuilder b = new StringBuilder("Extra file open flags: ");
        if (flags.isEmpty()) {
            b.append("(none)");
        }
        for (ExtraFlag f : values()) {
            if (flags.contains(f)) {
                b.append(f.printed);
            }
        }
        return b.toString();
    }
}

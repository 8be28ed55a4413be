package io.virtbench.oltp.db;

import io.virtbench.core.UserException;
import java.util.Locale;

/**
 * sysbench's {@code --db-ps-mode}: {@code auto} prepares every statement on the server (binary
 * protocol; Connector/J with useServerPrepStmts=true), {@code disable} sends plain text with the
 * values written into the statement, as sysbench's client-side emulation does.
 */
public enum PsMode {
    AUTO, DISABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PsMode parse(String s) {
        for (PsMode m : values()) {
            if (m.label().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return m;
            }
        }
        throw UserException.usage("invalid value for --db-ps-mode: '" + s + "' (expected auto or disable)");
    }
}

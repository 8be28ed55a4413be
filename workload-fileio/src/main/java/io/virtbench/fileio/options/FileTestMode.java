package io.virtbench.fileio.options;

import io.virtbench.core.UserException;

/** sysbench's {@code --file-test-mode} values (sb_fileio.c parse_arguments, get_test_mode_str). */
public enum FileTestMode {
    SEQWR("seqwr", "sequential write (creation)"),
    SEQREWR("seqrewr", "sequential rewrite"),
    SEQRD("seqrd", "sequential read"),
    RNDRD("rndrd", "random read"),
    RNDWR("rndwr", "random write"),
    RNDRW("rndrw", "random r/w");

    private final String code;
    private final String description;

    FileTestMode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The option value, e.g. {@code seqrd}. */
    public String code() {
        return code;
    }

    /** The text of sysbench's "Doing ... test" line, e.g. {@code sequential read}. */
    public String description() {
        return description;
    }

    /** seqwr, seqrewr and seqrd share one sequential cursor; the others pick random blocks. */
    public boolean sequential() {
        return this == SEQWR || this == SEQREWR || this == SEQRD;
    }

    /** seqrd and rndrd never write, so they do no end fsync (sb_fileio.c file_thread_done). */
    public boolean readOnly() {
        return this == SEQRD || this == RNDRD;
    }

    /** Parses an option value; an unknown one is a usage error naming the option. */
    public static FileTestMode parse(String value) {
        if (value == null || value.isEmpty()) {
            throw UserException.usage("missing required argument: --file-test-mode (seqwr, seqrewr, seqrd, rndrd, rndwr or rndrw)");
        }
        for (FileTestMode m : values()) {
            if (m.code.equals(value)) {
                return m;
            }
        }
        throw UserException.usage("invalid value for --file-test-mode: '" + value
                + "' (expected seqwr, seqrewr, seqrd, rndrd, rndwr or rndrw)");
    }

    /** The mode whose "Doing ... test" text is {@code description}, or null. */
    public static FileTestMode fromDescription(String description) {
        for (FileTestMode m : values()) {
            if (m.description.equals(description)) {
                return m;
            }
        }
        return null;
    }
}

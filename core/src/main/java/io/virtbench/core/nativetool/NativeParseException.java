package io.virtbench.core.nativetool;

/** A native tool's output that cannot be read, with the 1-based line where reading failed. */
public class NativeParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public NativeParseException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** 1-based line number, 0 when not tied to a line. */
    public int line() {
        return line;
    }
}

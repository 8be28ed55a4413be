package io.virtbench.suite.platform;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream that writes each whole line to {@code target} with a prefix: the guests of
 * {@code suite --guests} run their host-side steps at once on one output, and each line must say
 * whose it is and not be cut into by another's.
 */
final class LinePrefix extends OutputStream {
    private final PrintStream target;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LinePrefix(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    /** A print stream over {@code target} that starts every line with {@code prefix}. */
    static PrintStream of(PrintStream target, String prefix) {
        return new PrintStream(new LinePrefix(target, prefix), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        // a partial line waits for its end, so that lines of different guests never mix
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            line.write('\n');
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        synchronized (target) {
            target.print(prefix + text);
            target.flush();
        }
    }
}

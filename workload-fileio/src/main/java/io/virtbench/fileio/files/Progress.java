package io.virtbench.fileio.files;

import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.sysbench.Sizes;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a long prepare: bytes written of the total, rate and ETA, rewritten in
 * place ({@code \r}) at most a few times a second. Only shown on a terminal; {@link #clear}
 * wipes it before an ordinary line is printed.
 */
final class Progress {
    private static final long EVERY_NS = 250_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream out;
    private final long total;
    private final boolean enabled;
    private final Stopwatch started = Stopwatch.start();
    private Deadline nextPrint = Deadline.after(started, EVERY_NS);
    private boolean shown;

    Progress(PrintStream out, long total, boolean enabled) {
        this.out = out;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    void advance(long done) {
        if (!enabled) {
            return;
        }
        if (!nextPrint.passed()) {
            return;
        }
        double seconds = started.elapsedSeconds();
        nextPrint = Deadline.inNanos(EVERY_NS);
        out.print("\r" + line(done, seconds, total) + "\u001b[K");
        out.flush();
        shown = true;
    }

    void clear() {
        if (shown) {
            out.print("\r\u001b[K");
            out.flush();
            shown = false;
        }
    }

    /** "1.5GiB of 5GiB written (30%), 412.31 MiB/s, ETA 0:09". */
    static String line(long done, double seconds, long total) {
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = "?";
        if (rate > 0) {
            long s = (long) Math.ceil((total - done) / rate);
            eta = s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%s of %s written (%.0f%%), %.2f MiB/s, ETA %s", Sizes.format(done),
                Sizes.format(total), 100.0 * done / total, rate / MIB, eta);
    }
}

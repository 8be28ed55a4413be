package io.virtbench.net.report;

import io.virtbench.net.protocol.CFormat;
import java.io.PrintStream;

/**
 * Where a test's text report goes ({@code iperf_printf}): a stream, and for a server whose client
 * asked for {@code --get-server-output}, also a copy that travels back in the results. Synchronized:
 * interval reports are printed from a reporter thread ({@code IperfSession.reportOffLoop}).
 */
public final class IperfOutput {
    private final PrintStream out;
    private StringBuilder capture;

    public IperfOutput(PrintStream out) {
        this.out = out;
    }

    public synchronized void printf(String fmt, Object... args) {
        print(CFormat.sprintf(fmt, args));
    }

    public synchronized void print(String s) {
        if (out != null) {
            out.print(s);
            out.flush();
        }
        if (capture != null) {
            capture.append(s);
        }
    }

    public synchronized void startCapture() {
        capture = new StringBuilder();
    }

    public synchronized String captured() {
        return capture == null ? null : capture.toString();
    }

    public synchronized void stopCapture() {
        capture = null;
    }

    PrintStream stream() {
        return out;
    }
}

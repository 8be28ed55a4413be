package io.virtbench.net;

import java.io.PrintStream;

/**
 * Where a test's text report goes ({@code iperf_printf}): a stream, and for a server whose client
 * asked for {@code --get-server-output}, also a copy that travels back in the results. Synchronized:
 * interval reports are printed from a reporter thread ({@link IperfSession#reportOffLoop}).
 */
final class IperfOutput {
    private final PrintStream out;
    private StringBuilder capture;

    IperfOutput(PrintStream out) {
        this.out = out;
    }

    synchronized void printf(String fmt, Object... args) {
        print(CFormat.sprintf(fmt, args));
    }

    synchronized void print(String s) {
        if (out != null) {
            out.print(s);
            out.flush();
        }
        if (capture != null) {
            capture.append(s);
        }
    }

    synchronized void startCapture() {
        capture = new StringBuilder();
    }

    synchronized String captured() {
        return capture == null ? null : capture.toString();
    }

    synchronized void stopCapture() {
        capture = null;
    }

    PrintStream stream() {
        return out;
    }
}

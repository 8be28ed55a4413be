package io.virtbench.net.server;

import io.virtbench.core.UserException;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.report.Units;

/**
 * Options of {@code virtbench net server}, named as iperf3's server options.
 *
 * @param port          {@code -p}, port for the control connection and the data streams (5201); 0 = any free port
 * @param bind          {@code -B}, the only address to listen on, or null for all addresses
 * @param oneOff        {@code -1}, serve one client, then exit
 * @param json          {@code -J}, JSON output per test
 * @param interval      {@code -i}, seconds between interval reports (1; 0 = none)
 * @param unitFormat    {@code -f}: a (adaptive bits, default), k m g t, K M G T
 * @param rcvTimeoutMs  {@code --rcv-timeout}, ms without received data before a receiving test is abandoned (120000)
 * @param ctrlTimeoutMs {@code --ctrl-timeout} (virtbench): ms a client may take to send its cookie, its
 *                      parameters, its streams or its results before the server drops it (10000)
 */
public record ServerOptions(int port, String bind, boolean oneOff, boolean json, double interval, char unitFormat,
                            int rcvTimeoutMs, int ctrlTimeoutMs) {
    public static final int DEFAULT_CTRL_TIMEOUT_MS = 10_000;

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw UserException.usage("invalid value for -p: " + port + " (port number must be between 1 and 65535 inclusive)");
        }
        Iperf3.checkInterval("-i", interval);
        Units.format("-f", String.valueOf(unitFormat));
        if (rcvTimeoutMs < Iperf3.MIN_RCV_TIMEOUT_MS || rcvTimeoutMs > Iperf3.MAX_TIME * 1000) {
            throw UserException.usage("invalid value for --rcv-timeout: " + rcvTimeoutMs + " (must be " + Iperf3.MIN_RCV_TIMEOUT_MS
                    + ".." + Iperf3.MAX_TIME * 1000 + " ms)");
        }
        if (ctrlTimeoutMs < 10 || ctrlTimeoutMs > Iperf3.MAX_TIME * 1000) {
            throw UserException.usage("invalid value for --ctrl-timeout: " + ctrlTimeoutMs + " (must be 10.." + Iperf3.MAX_TIME * 1000 + " ms)");
        }
    }

    public static ServerOptions defaults() {
        return new ServerOptions(Iperf3.DEFAULT_PORT, null, false, false, 1.0, 'a', Iperf3.DEFAULT_RCV_TIMEOUT_MS,
                DEFAULT_CTRL_TIMEOUT_MS);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(p, bind, oneOff, json, interval, unitFormat, rcvTimeoutMs, ctrlTimeoutMs);
    }

    public ServerOptions withBind(String b) {
        return new ServerOptions(port, b, oneOff, json, interval, unitFormat, rcvTimeoutMs, ctrlTimeoutMs);
    }

    public ServerOptions withOneOff(boolean one) {
        return new ServerOptions(port, bind, one, json, interval, unitFormat, rcvTimeoutMs, ctrlTimeoutMs);
    }

    public ServerOptions withJson(boolean j) {
        return new ServerOptions(port, bind, oneOff, j, interval, unitFormat, rcvTimeoutMs, ctrlTimeoutMs);
    }

    public ServerOptions withCtrlTimeoutMs(int ms) {
        return new ServerOptions(port, bind, oneOff, json, interval, unitFormat, rcvTimeoutMs, ms);
    }

    public ServerOptions withRcvTimeoutMs(int ms) {
        return new ServerOptions(port, bind, oneOff, json, interval, unitFormat, ms, ctrlTimeoutMs);
    }
}

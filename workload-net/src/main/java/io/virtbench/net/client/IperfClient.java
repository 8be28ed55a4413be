package io.virtbench.net.client;

import io.netty.channel.EventLoopGroup;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.net.report.IperfOutput;
import io.virtbench.net.session.Transport;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * iperf3's client (iperf_client_api.c) on Netty: one event loop thread runs the control
 * connection, the data streams and the timers, as iperf3 3.12's single thread does. The text
 * report (or, with -J, the JSON document) goes to {@code out}; the JSON document is always built,
 * and virtbench reads its result from it exactly as from a native iperf3's -J output.
 */
public final class IperfClient {

    /** How a client run ended. {@code json} is the whole iperf3-style document (with "error" on failure). */
    public record Outcome(String json, String error, boolean interrupted, Instant start, Instant end) {
        public boolean ok() {
            return error == null && !interrupted;
        }
    }

    private IperfClient() {
    }

    /** Runs one test against {@code o.host():o.port()}; Ctrl-C ({@code stop}) ends it early with a partial summary. */
    public static Outcome run(ClientOptions o, PrintStream out, PrintStream err, StopSignal stop) {
        EventLoopGroup group = Transport.newGroup(1);
        ClientSession s = new ClientSession(o, new IperfOutput(out), err, group.next());
        AutoCloseable hook = null;
        try {
            hook = stop.onRequest(() -> s.loop.execute(s::interrupt));
            s.loop.execute(s::start);
            long limitS = o.effectiveTime() == 0 ? 24L * 3600 : (long) o.time() + o.omit() + 120 + (o.connectTimeoutMs() / 1000);
            try {
                return s.done.get(limitS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                s.loop.execute(() -> s.fail("the test did not finish within " + limitS + " s"));
                return s.done.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", true, s.startTime, Instant.now());
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(null, String.valueOf(e.getCause() != null ? e.getCause() : e), false, s.startTime, Instant.now());
        } finally {
            if (hook != null) {
                try {
                    hook.close();
                } catch (Exception e) {
                    // nothing to undo
                }
            }
            Transport.shutdown(group);
        }
    }
}

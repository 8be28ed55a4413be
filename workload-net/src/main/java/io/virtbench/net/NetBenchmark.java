package io.virtbench.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.client.IperfClient;
import io.virtbench.net.nativetool.Iperf3Json;
import io.virtbench.net.nativetool.Iperf3Native;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.session.Transport;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code virtbench net client HOST}: one iperf3-compatible test, reported as iperf3 reports it
 * (text, or its JSON with -J) and as a virtbench result, read from the same JSON document a
 * native iperf3 -J writes (so both tools' results mean exactly the same).
 */
public final class NetBenchmark {
    private NetBenchmark() {
    }

    /** Checks the combination of iperf3's -J with virtbench's --format. */
    public static void checkOutput(ClientOptions o, Output out) {
        if (o.json() && !out.text()) {
            throw UserException.usage("invalid value for --format: -J prints iperf3's JSON on standard output; "
                    + "use either -J or --format " + out.format().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One test; the report goes to standard output with --format text, else to standard error. */
    public static RunResult run(ClientOptions o, Output out, int repetition) {
        return run(o, out, repetition, null);
    }

    /**
     * {@link #run}, after a JIT warm-up whose summary the result records (null: none ran before
     * it). Its line goes to standard error after the test (standard output keeps iperf3's report,
     * and a test that fails stays one line).
     */
    public static RunResult run(ClientOptions o, Output out, int repetition, JitWarmup.Summary warmup) {
        checkOutput(o, out);
        PrintStream report = out.live();
        IperfClient.Outcome r = IperfClient.run(o, report, out.err(), out.stop());
        RunResult result = result(o, r, repetition, out);
        if (warmup == null) {
            return result;
        }
        out.err().println(warmup.line());
        return result.toBuilder().detail("jit_warmup", warmup.asDetail()).build();
    }

    static RunResult result(ClientOptions o, IperfClient.Outcome r, int repetition, Output out) {
        if (r.json() == null) {
            throw new UserException(r.error() == null ? "the test did not run" : r.error());
        }
        RunResult parsed;
        try {
            JsonNode doc = CJson.parse(r.json());
            parsed = Iperf3Json.parse(doc, "virtbench net client", repetition);
        } catch (IOException | NativeParseException e) {
            throw new UserException("cannot read the test's own JSON: " + e.getMessage());
        }
        if (parsed.status() != RunStatus.COMPLETE && parsed.metrics().isEmpty() && parsed.intervals().isEmpty()) {
            // nothing was measured (refused, busy, bad parameters...): an error, not a result
            throw new UserException(r.error() != null ? r.error() : parsed.message());
        }
        RunResult.Builder b = parsed.toBuilder()
                .tool("virtbench")
                .toolVersion("iperf " + Iperf3.COMPATIBLE_VERSION + " compatible, " + Transport.name())
                .source(null)
                .repetition(repetition)
                .start(r.start())
                .end(r.end())
                .nativeCommand(Iperf3Native.commandLine(o))
                .host(out.host());
        if (r.interrupted()) {
            b.status(RunStatus.INTERRUPTED).message("interrupted");
        }
        b.parameter("host", o.host()).parameter("port", (long) o.port()).parameter("udp", o.udp())
                .parameter("bitrate", o.effectiveRate()).parameter("interval", o.interval())
                .parameter("transport", Transport.name());
        return b.build();
    }
}

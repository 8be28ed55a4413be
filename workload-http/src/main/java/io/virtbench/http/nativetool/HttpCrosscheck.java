package io.virtbench.http.nativetool;

import io.virtbench.core.Limits;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.http.HttpBenchmark;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.report.AbMetrics;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * {@code virtbench crosscheck http}: native ab and virtbench alternately against the same URL
 * (by default a {@code virtbench http serve} started on loopback for the check), printing
 * both figures and their ratio per pair.
 */
public final class HttpCrosscheck {
    /** The study's request count per run. */
    public static final int DEFAULT_REQUESTS = 5000;
    public static final int DEFAULT_CONCURRENCY = 10;

    private HttpCrosscheck() {
    }

    /**
     * @param url     the URL to benchmark, or null to start a server on 127.0.0.1 for the check
     * @param options builds the run's options for a URL
     * @param serve   the server to start when {@code url} is null
     */
    public static Crosscheck.Report run(String url, Function<String, AbOptions> options, ServeOptions serve, int runs,
                                        String metric, Output o) throws Exception {
        Limits.count("--runs", runs, Limits.MAX_RUNS);
        NativeTool.require("ab", "apache2-utils");
        HttpServer server = null;
        try {
            if (url == null) {
                server = HttpServer.start(serve);
                url = server.url("/");
                o.err().println("virtbench: crosscheck target: virtbench http serve on " + url);
            }
            AbOptions ab = options.apply(url);
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            Output quiet = new Output(OutputFormat.JSON, none, none, null, o.platform(), o.stop());
            return Crosscheck.run(AbMetrics.WORKLOAD, "ab", metric, runs,
                    pair -> ApacheBench.run(ab).withRepetition(pair).withHost(o.host()),
                    pair -> HttpBenchmark.run(ab, quiet, pair), o);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}

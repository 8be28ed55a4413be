package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.http.nativetool.HttpCrosscheck;
import io.virtbench.http.report.AbMetrics;
import io.virtbench.http.server.ServeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"ab vs virtbench http bench, alternately, same options and URL; prints both figures and ratios.",
                "Without a URL, a virtbench http serve is started on 127.0.0.1 for the check."})
final class CrosscheckHttpCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckHttpCommand(Streams streams) {
        this.streams = streams;
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "http://host[:port]/path; none = a virtbench http serve on 127.0.0.1")
    String url;

    @Mixin
    CrosscheckOptions crosscheck;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = AbMetrics.REQUESTS_PER_SECOND,
            description = "the figure compared, e.g. " + AbMetrics.REQUESTS_PER_SECOND + " or " + AbMetrics.TIME_PER_REQUEST)
    String metric;

    @Option(names = "-n", paramLabel = "requests", defaultValue = "" + HttpCrosscheck.DEFAULT_REQUESTS, order = -2,
            description = "number of requests per run (the study's)")
    int requests;

    @Option(names = "-c", paramLabel = "concurrency", defaultValue = "" + HttpCrosscheck.DEFAULT_CONCURRENCY, order = -1,
            description = "number of multiple requests to make at a time")
    int concurrency;

    @Mixin
    AbCommandOptions ab;

    @Option(names = "--page-size", paramLabel = "BYTES", defaultValue = "" + ServeOptions.DEFAULT_PAGE_SIZE,
            description = "page size of the server started when no URL is given")
    int pageSize;

    @Option(names = "--server-threads", paramLabel = "N", defaultValue = "0",
            description = "event-loop threads of the server started when no URL is given, 0 = one per core")
    int serverThreads;

    @Override
    public Integer call() throws Exception {
        ab.options("http://127.0.0.1/", spec, requests, concurrency); // option errors before anything starts
        ServeOptions serve = ServeOptions.loopback().withPageSize(pageSize).withThreads(serverThreads);
        Output o = crosscheck.output(streams);
        HttpCrosscheck.run(url, u -> ab.options(u, spec, requests, concurrency), serve, crosscheck.runs, metric, o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}

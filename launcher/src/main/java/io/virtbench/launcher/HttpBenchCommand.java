package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.http.HttpBenchmark;
import io.virtbench.http.client.AbOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"ApacheBench 2.3 on Netty: same options, same request bytes (HTTP/1.0, a new connection per "
                + "request unless -k), same counting and report.",
                "The study ran ab -r -n 5000 -c C URL for C in 10 30 60 90 120 150 180 200 (--sweep), "
                + "10 iterations (--repeat 10), 5 s apart."})
final class HttpBenchCommand implements Callable<Integer> {
    private final Streams streams;

    HttpBenchCommand(Streams streams) {
        this.streams = streams;
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http://host[:port]/path")
    String url;

    @Option(names = "-n", paramLabel = "requests", defaultValue = "" + AbOptions.DEFAULT_REQUESTS, order = -2,
            description = "number of requests to perform (-t alone makes it " + AbOptions.TIMED_REQUESTS + ", as ab)")
    int requests;

    @Option(names = "-c", paramLabel = "concurrency", defaultValue = "" + AbOptions.DEFAULT_CONCURRENCY, order = -1,
            description = "number of multiple requests to make at a time (ignored with --sweep)")
    int concurrency;

    @Mixin
    AbCommandOptions ab;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        AbOptions o = ab.options(url, spec, requests, concurrency);
        Output out = output.open(streams);
        if (ab.sweeping()) {
            return HttpBenchmark.sweep(o, ab.levels(), output.repeat, ab.sweepPause, out).exitCode();
        }
        return Repetitions.run(out, output.repeat, 0, rep -> HttpBenchmark.run(o, out, rep)).exitCode();
    }
}

package io.virtbench.launcher;

import io.virtbench.http.HttpBenchmark;
import io.virtbench.http.client.AbOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** ab's options (names and defaults of ApacheBench 2.3) and virtbench's additions, for bench and crosscheck. */
final class AbCommandOptions {
    static final String STUDY_LEVELS = "10,30,60,90,120,150,180,200";

    @Option(names = "-t", paramLabel = "timelimit", defaultValue = "0",
            description = "seconds to max. to spend on benchmarking (implies -n " + AbOptions.TIMED_REQUESTS + "), 0 = no limit")
    double timeLimit;

    @Option(names = "-s", paramLabel = "timeout", defaultValue = "30",
            description = "seconds to wait for each response (a connection with no event for this long is a failure)")
    double timeout;

    @Option(names = "-k", defaultValue = "false", description = "use HTTP KeepAlive feature")
    boolean keepAlive;

    @Option(names = "-r", defaultValue = "false", description = "don't exit on socket receive errors")
    boolean recvErrorsOk;

    @Option(names = "-H", paramLabel = "attribute", description = "add arbitrary header line, eg. 'Accept-Encoding: gzip' "
            + "(repeatable; Host, User-Agent and Accept replace ab's own)")
    List<String> headers = new ArrayList<>();

    @Option(names = "-m", paramLabel = "method", description = "method name (default: GET, or HEAD/POST/PUT with -i/-p/-u)")
    String method;

    @Option(names = "-i", defaultValue = "false", description = "use HEAD instead of GET")
    boolean head;

    @Option(names = "-p", paramLabel = "postfile", description = "file containing data to POST (remember to also set -T)")
    Path postFile;

    @Option(names = "-u", paramLabel = "putfile", description = "file containing data to PUT (remember to also set -T)")
    Path putFile;

    @Option(names = "-T", paramLabel = "content-type", defaultValue = AbOptions.DEFAULT_CONTENT_TYPE,
            description = "Content-type header to use for POST/PUT data")
    String contentType;

    @Option(names = "-C", paramLabel = "attribute", description = "add cookie, eg. 'Apache=1234'")
    String cookie;

    @Option(names = "-l", defaultValue = "false", description = "accept variable document length (use this for dynamic pages)")
    boolean variableLength;

    @Option(names = "-q", defaultValue = "false", description = "do not show progress when doing more than 150 requests")
    boolean quiet;

    @Option(names = "-d", defaultValue = "false", description = "do not show percentiles served table")
    boolean noPercentiles;

    @Option(names = "-S", defaultValue = "false", description = "do not show confidence estimators and warnings")
    boolean noConfidence;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + AbOptions.DEFAULT_THREADS,
            description = "event-loop threads sharing the -c connections (ab has one); 0 = one per core, for high "
                    + "keep-alive rates against another machine; never more than -c")
    int threads;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "constant throughput: requests per second over all connections, latency also from the "
                    + "intended send time (coordinated omission corrected, as wrk2); 0 = as fast as possible")
    double rate;

    @Option(names = "--http11", defaultValue = "false",
            description = "send HTTP/1.1 requests (persistent with -k, else Connection: close) and frame responses as "
                    + "HTTP/1.1 does (Content-Length or chunked); ab sends HTTP/1.0")
    boolean http11;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "15",
            description = "before the run, untimed requests against a private server on 127.0.0.1 until the JIT has "
                    + "compiled the client (ab is native code), at most this long; the target never sees them; 0 = none")
    double warmup;

    @Option(names = "--jit-warmup", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class, description = "the JIT warm-up above; off = --warmup 0")
    boolean jitWarmup;

    @Option(names = "--ab-median", defaultValue = "false",
            description = "print ab's own median in Connection Times (ab inverts the odd/even test); default: the true median")
    boolean abMedian;

    @Option(names = "--sweep", paramLabel = "LEVELS", arity = "0..1", defaultValue = "off", fallbackValue = STUDY_LEVELS,
            description = "run every concurrency level in turn, in each of --repeat iterations; --sweep alone = the "
                    + "study's levels " + STUDY_LEVELS)
    String sweep;

    @Option(names = "--sweep-pause", paramLabel = "SECONDS", defaultValue = "" + (long) HttpBenchmark.DEFAULT_SWEEP_PAUSE,
            description = "pause between the runs of a sweep (the study: 5)")
    double sweepPause;

    boolean sweeping() {
        return !"off".equals(sweep);
    }

    List<Integer> levels() {
        return HttpBenchmark.levels(sweep);
    }

    /**
     * The options as ab would end up with them (-t sets -n to 50000 where it appears).
     *
     * @param requests    the command's -n value (its own default when not given)
     * @param concurrency the command's -c value
     */
    AbOptions options(String url, CommandSpec spec, int requests, int concurrency) {
        boolean nGiven = matched(spec, "-n");
        int n = nGiven || timeLimit > 0
                ? AbOptions.effectiveRequests(nGiven ? requests : null, timeLimit, after(spec, "-n", "-t"))
                : requests;
        int c = concurrency;
        if (sweeping()) {
            // the sweep sets -c to each level in turn (and checks each against -n)
            c = 1;
        }
        return AbOptions.builder(url).requests(n).concurrency(c).timeLimit(timeLimit).keepAlive(keepAlive)
                .recvErrorsOk(recvErrorsOk).timeout(timeout).headers(headers).method(method).head(head)
                .postFile(postFile).putFile(putFile).contentType(contentType).cookie(cookie)
                .variableLength(variableLength).quiet(quiet).noPercentiles(noPercentiles).noConfidence(noConfidence)
                .threads(threads).rate(rate).http11(http11).abMedian(abMedian).warmup(jitWarmup ? warmup : 0).build();
    }

    private static boolean matched(CommandSpec spec, String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }

    /** True if option {@code a} was given after option {@code b} (the last occurrence of each counts). */
    private static boolean after(CommandSpec spec, String a, String b) {
        int ia = -1;
        int ib = -1;
        List<ArgSpec> args = spec.commandLine().getParseResult().matchedArgs();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof OptionSpec o) {
                if (o.longestName().equals(a)) {
                    ia = i;
                } else if (o.longestName().equals(b)) {
                    ib = i;
                }
            }
        }
        return ia > ib;
    }
}

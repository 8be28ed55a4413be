package io.virtbench.http.client;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.slots.RequestTimes;
import io.virtbench.http.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code virtbench http bench}: ApacheBench 2.3's options (support/ab.c main),
 * with ab's defaults, plus a few of virtbench's own.
 *
 * @param url            the URL as given
 * @param requests       {@code -n}: requests to perform (ab default 1; {@code -t} alone makes it 50000)
 * @param concurrency    {@code -c}: requests in flight at a time (default 1)
 * @param timeLimit      {@code -t}: seconds at most, 0 = no limit
 * @param keepAlive      {@code -k}: ask for HTTP keep-alive ({@code Connection: Keep-Alive})
 * @param recvErrorsOk   {@code -r}: count receive errors as failures and go on instead of exiting
 * @param timeout        {@code -s}: seconds to wait for a connection's next event (default 30)
 * @param headers        {@code -H}: extra header lines, in order
 * @param method         {@code -m}: a custom method, or null
 * @param head           {@code -i}: HEAD instead of GET
 * @param postFile       {@code -p}: file to POST, or null
 * @param putFile        {@code -u}: file to PUT, or null
 * @param contentType    {@code -T}: Content-type of the body (ab default text/plain)
 * @param cookie         {@code -C}: a cookie ({@code name=value}), or null
 * @param variableLength {@code -l}: do not count responses of another length as failures
 * @param quiet          {@code -q}: no progress lines
 * @param noPercentiles  {@code -d}: no percentage table
 * @param noConfidence   {@code -S}: no sd/median columns and no warnings
 * @param threads        virtbench: event-loop threads (default 1, ab's single loop), 0 = one per core; never more than -c
 * @param rate           virtbench: target requests per second over all connections, 0 = as fast as possible
 * @param http11         virtbench: send HTTP/1.1 requests and frame responses as HTTP/1.1 does
 * @param abMedian       virtbench: print ab's own median (its inverted parity test) instead of the true median
 * @param warmup         virtbench: seconds of untimed requests against a private loopback server first, so the
 *                       measured run starts with compiled code (the target server never sees them); 0 = none
 */
public record AbOptions(String url, int requests, int concurrency, double timeLimit, boolean keepAlive,
                        boolean recvErrorsOk, double timeout, List<String> headers, String method, boolean head,
                        Path postFile, Path putFile, String contentType, String cookie, boolean variableLength,
                        boolean quiet, boolean noPercentiles, boolean noConfidence, int threads, double rate,
                        boolean http11, boolean abMedian, double warmup) {

    public static final int DEFAULT_REQUESTS = 1;
    /** ab's TIMED_REQUESTS / MAX_REQUESTS: what {@code -t} sets the request count to. */
    public static final int TIMED_REQUESTS = 50000;
    public static final int DEFAULT_CONCURRENCY = 1;
    /** ab's MAX_CONCURRENCY (httpd 2.4.x). */
    public static final int MAX_CONCURRENCY = 20000;
    public static final double DEFAULT_TIMEOUT = 30;
    public static final String DEFAULT_CONTENT_TYPE = "text/plain";
    /** Bytes kept per completed request for the Connection Times table (four ints; a fifth with --rate). */
    public static final int BYTES_PER_REQUEST = RequestTimes.bytesPerRequest(false);
    /** One event loop, as ab: best when the server shares the machine (see README). */
    public static final int DEFAULT_THREADS = 1;
    /** Upper bound of {@code --threads}. */
    public static final int MAX_THREADS = Transport.MAX_THREADS;

    public AbOptions {
        AbUrl.parse(url);
        if (requests <= 0) {
            throw UserException.usage("invalid value for -n: " + requests + " (must be > 0)");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw UserException.usage("invalid value for -c: " + concurrency + " (must be 1.." + MAX_CONCURRENCY + ")");
        }
        if (concurrency > requests) {
            throw UserException.usage("-c " + concurrency + " is greater than -n " + requests
                    + ": cannot use concurrency level greater than total number of requests");
        }
        Limits.seconds("-t", timeLimit);
        Limits.positiveSeconds("-s", timeout);
        Limits.rate("--rate", rate);
        Limits.seconds("--warmup", warmup);
        if (threads < 0 || threads > MAX_THREADS) {
            throw UserException.usage("invalid value for --threads: " + threads + " (must be 0.." + MAX_THREADS + ")");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
        for (String h : headers) {
            if (h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0) {
                throw UserException.usage("invalid value for -H: a header must be one line");
            }
        }
        int bodies = (head ? 1 : 0) + (postFile != null ? 1 : 0) + (putFile != null ? 1 : 0);
        if (bodies > 1) {
            throw UserException.usage("-i, -p and -u cannot be mixed (ab: Cannot mix HEAD/POST/PUT with other methods)");
        }
        if (method != null && (method.isEmpty() || method.chars().anyMatch(ch -> ch <= ' ' || ch >= 127))) {
            throw UserException.usage("invalid value for -m: '" + method + "'");
        }
        if (contentType == null) {
            contentType = DEFAULT_CONTENT_TYPE;
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        long perRequest = RequestTimes.bytesPerRequest(rate > 0);
        if ((long) requests * perRequest > maxHeap / 2) {
            throw UserException.usage("-n " + requests + " needs " + ((long) requests * perRequest >> 20)
                    + " MiB for the per-request timings, more than half of this JVM's heap (" + (maxHeap >> 20)
                    + " MiB): use a smaller -n or a larger -Xmx");
        }
    }

    /**
     * The request count ab ends up with: {@code -t} sets it to 50000 when it is parsed, so an
     * {@code -n} given before {@code -t} is overridden and one given after it wins.
     *
     * @param n           the {@code -n} value, or null when not given
     * @param timeLimit   the {@code -t} value, 0 when not given
     * @param nAfterT     whether {@code -n} came after {@code -t} on the command line
     */
    public static int effectiveRequests(Integer n, double timeLimit, boolean nAfterT) {
        if (timeLimit > 0 && (n == null || !nAfterT)) {
            return TIMED_REQUESTS;
        }
        return n == null ? DEFAULT_REQUESTS : n;
    }

    /** A plain GET of {@code url} with ab's defaults and {@code -n}/{@code -c}. */
    public static AbOptions of(String url, int requests, int concurrency) {
        return builder(url).requests(requests).concurrency(concurrency).build();
    }

    public AbUrl target() {
        return AbUrl.parse(url);
    }

    /** The method ab puts on the request line. */
    public String methodName() {
        if (method != null) {
            return method;
        }
        if (head) {
            return "HEAD";
        }
        if (postFile != null) {
            return "POST";
        }
        if (putFile != null) {
            return "PUT";
        }
        return "GET";
    }

    /** True for a HEAD request: no body follows a keep-alive response header. */
    public boolean isHead() {
        return "HEAD".equals(methodName().toUpperCase(Locale.ROOT));
    }

    public Path bodyFile() {
        return postFile != null ? postFile : putFile;
    }

    /** The body bytes of {@code -p}/{@code -u}, or null. */
    public byte[] body() {
        Path f = bodyFile();
        if (f == null) {
            return null;
        }
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw UserException.usage("cannot read " + (postFile != null ? "-p" : "-u") + " file " + f + ": " + e.getMessage());
        }
    }

    public AbOptions withConcurrency(int c) {
        return toBuilder().concurrency(c).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(url);
        b.requests = requests;
        b.concurrency = concurrency;
        b.timeLimit = timeLimit;
        b.keepAlive = keepAlive;
        b.recvErrorsOk = recvErrorsOk;
        b.timeout = timeout;
        b.headers = headers;
        b.method = method;
        b.head = head;
        b.postFile = postFile;
        b.putFile = putFile;
        b.contentType = contentType;
        b.cookie = cookie;
        b.variableLength = variableLength;
        b.quiet = quiet;
        b.noPercentiles = noPercentiles;
        b.noConfidence = noConfidence;
        b.threads = threads;
        b.rate = rate;
        b.http11 = http11;
        b.abMedian = abMedian;
        b.warmup = warmup;
        return b;
    }

    /** The same options for another URL. */
    public AbOptions withUrl(String u) {
        return new AbOptions(u, requests, concurrency, timeLimit, keepAlive, recvErrorsOk, timeout, headers, method, head,
                postFile, putFile, contentType, cookie, variableLength, quiet, noPercentiles, noConfidence, threads, rate,
                http11, abMedian, warmup);
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Assembles {@link AbOptions}; defaults are ab's. */
    public static final class Builder {
        private final String url;
        private int requests = DEFAULT_REQUESTS;
        private int concurrency = DEFAULT_CONCURRENCY;
        private double timeLimit;
        private boolean keepAlive;
        private boolean recvErrorsOk;
        private double timeout = DEFAULT_TIMEOUT;
        private List<String> headers = List.of();
        private String method;
        private boolean head;
        private Path postFile;
        private Path putFile;
        private String contentType = DEFAULT_CONTENT_TYPE;
        private String cookie;
        private boolean variableLength;
        private boolean quiet;
        private boolean noPercentiles;
        private boolean noConfidence;
        private int threads = DEFAULT_THREADS;
        private double rate;
        private boolean http11;
        private boolean abMedian;
        private double warmup;

        private Builder(String url) {
            this.url = url;
        }

        public Builder requests(int v) { requests = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder timeLimit(double v) { timeLimit = v; return this; }
        public Builder keepAlive(boolean v) { keepAlive = v; return this; }
        public Builder recvErrorsOk(boolean v) { recvErrorsOk = v; return this; }
        public Builder timeout(double v) { timeout = v; return this; }
        public Builder headers(List<String> v) { headers = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder head(boolean v) { head = v; return this; }
        public Builder postFile(Path v) { postFile = v; return this; }
        public Builder putFile(Path v) { putFile = v; return this; }
        public Builder contentType(String v) { contentType = v; return this; }
        public Builder cookie(String v) { cookie = v; return this; }
        public Builder variableLength(boolean v) { variableLength = v; return this; }
        public Builder quiet(boolean v) { quiet = v; return this; }
        public Builder noPercentiles(boolean v) { noPercentiles = v; return this; }
        public Builder noConfidence(boolean v) { noConfidence = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder http11(boolean v) { http11 = v; return this; }
        public Builder abMedian(boolean v) { abMedian = v; return this; }
        public Builder warmup(double v) { warmup = v; return this; }

        public AbOptions build() {
            return new AbOptions(url, requests, concurrency, timeLimit, keepAlive, recvErrorsOk, timeout, headers,
                    method, head, postFile, putFile, contentType, cookie, variableLength, quiet, noPercentiles,
                    noConfidence, threads, rate, http11, abMedian, warmup);
        }
    }
}

package io.virtbench.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.slots.RequestTimes;
import io.virtbench.core.harness.slots.SlotsEnd;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.stats.Histograms;
import io.virtbench.http.report.AbReport;
import io.virtbench.http.report.AbResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** ab's arithmetic on recorded per-request timings (support/ab.c output_results). */
class ConnectionTimesTest {
    // five requests, µs: connect, total, waiting
    static final int[] CONNECT = {100, 200, 300, 400, 2600};
    static final int[] TOTAL = {1000, 1500, 2499, 3500, 10000};
    static final int[] WAIT = {500, 500, 600, 700, 9000};

    @Test
    void roundsToMillisecondsAsAb() {
        assertEquals(0, ConnectionTimes.roundMs(499));
        assertEquals(1, ConnectionTimes.roundMs(500));
        assertEquals(1, ConnectionTimes.roundMs(1499));
        assertEquals(2, ConnectionTimes.roundMs(1500));
        assertEquals(2, ConnectionTimes.roundMs(2499.5), "a median between two µs values rounds the same way");
        assertEquals(3, ConnectionTimes.roundMs(2500.0));
    }

    @Test
    void rowsOfFiveRequests() {
        ConnectionTimes t = ConnectionTimes.of(CONNECT, TOTAL, WAIT, 5);
        ConnectionTimes.Row c = t.connect();
        assertEquals(100, c.minUs());
        assertEquals(720, c.meanUs(), "integer sum / count");
        assertEquals(1, c.meanMs());
        assertEquals(sd(CONNECT), c.sdUs(), 1e-9);
        assertEquals(1.0569, c.sdMs(), 1e-4);
        assertEquals(300, c.medianUs(), "odd count: the middle element");
        assertEquals(350, c.abMedianUs(), "ab: mean of elements [n/2] and [n/2+1] for odd n");
        assertEquals(3, c.maxMs());

        ConnectionTimes.Row total = t.total();
        assertEquals(3699, total.meanUs());
        assertEquals(4, total.meanMs());
        assertEquals(2499, total.medianUs());
        assertEquals(2, total.medianMs());
        assertEquals(2999, total.abMedianUs());
        assertEquals(3, total.abMedianMs(), "ab's inverted parity test moves the median by a millisecond here");

        ConnectionTimes.Row p = t.processing();
        assertEquals(900, p.minUs());
        assertEquals(2979, p.meanUs());
        assertEquals(2199, p.medianUs());
        assertEquals(2649, p.abMedianUs());
        assertEquals(7400, p.maxUs());
        assertEquals(sd(new int[] {900, 1300, 2199, 3100, 7400}), p.sdUs(), 1e-9);

        assertEquals(600, t.waiting().medianUs());
        assertEquals(650, t.waiting().abMedianUs());

        // percentiles: element [n*p/100] of the requests sorted by total time
        assertEquals(2, t.percentileMs(50)); // [2] = 2499
        assertEquals(4, t.percentileMs(66)); // [3] = 3500
        assertEquals(4, t.percentileMs(75)); // [3]
        assertEquals(10, t.percentileMs(80)); // [4] = 10000
        assertEquals(10, t.percentileMs(99));
        assertEquals(10, t.percentileMs(100));
    }

    @Test
    void evenCountMedianIsTheMeanOfTheMiddleTwoWhereAbTakesTheUpperOne() {
        int[] v = {4000, 1000, 2998, 2000};
        ConnectionTimes.Row r = ConnectionTimes.row(v.clone());
        assertEquals(2499.0, r.medianUs());
        assertEquals(2, r.medianMs());
        assertEquals(2998, r.abMedianUs());
        assertEquals(3, r.abMedianMs());
        assertEquals(2499, r.meanUs());
    }

    @Test
    void oneRequestHasNoDeviation() {
        ConnectionTimes t = ConnectionTimes.of(new int[] {10}, new int[] {1700}, new int[] {900}, 1);
        assertEquals(0.0, t.total().sdUs());
        assertEquals(1700, t.total().medianUs());
        assertEquals(1700, t.total().abMedianUs());
        assertEquals(2, t.percentileMs(100));
    }

    @Test
    void medianAgreesWithASortedCopyForRandomData() {
        Random rnd = new Random(42);
        for (int n = 1; n < 200; n++) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(100_000);
            }
            int[] s = v.clone();
            Arrays.sort(s);
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
            long ab = n > 1 && n % 2 == 1 ? ((long) s[n / 2] + s[n / 2 + 1]) / 2 : s[n / 2];
            ConnectionTimes.Row r = ConnectionTimes.row(v);
            assertEquals(median, r.medianUs(), "n=" + n);
            assertEquals(ab, r.abMedianUs(), "n=" + n);
        }
    }

    static double sd(int[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (int x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** A run of five recorded requests through the result model and ab's layout. */
    @Test
    void reportOfRecordedTimingsIsAbsLayout() {
        AbOptions o = AbOptions.builder("http://127.0.0.1:8080/index.html").requests(5).concurrency(2).build();
        RequestTimes timings = new RequestTimes(5);
        Histogram h = Histograms.newNanosHistogram();
        for (int i = 0; i < 5; i++) {
            timings.set(i, i * 1000L, CONNECT[i], TOTAL[i], WAIT[i]);
            h.recordValue(TOTAL[i] * 1000L);
        }
        AbRun.Counts counts = new AbRun.Counts(5, 1, 5, 5, 6250, 5105, 400, 0, 0, 0, 1, 0, 2, 0, 0, 5);
        AbRun run = new AbRun(o, 80, Instant.EPOCH, Instant.EPOCH.plusMillis(500), 0.5, counts, "nginx/1.22.1", 1021,
                timings, 5, h, null, SlotsEnd.COMPLETE, null, 1, "epoll", null);
        RunResult r = AbResult.of(run, 1);
        assertEquals(10.0, r.value("requests_per_second"));
        assertEquals(200.0, r.value("time_per_request_ms"), 1e-9);
        assertEquals(100.0, r.value("time_per_request_all_ms"), 1e-9);
        assertEquals(6250 / 1024.0 / 0.5, r.value("transfer_rate_kib_per_second"), 1e-9);
        assertEquals(2, r.value("total_median_ms"));
        assertEquals(3L, ((java.util.Map<?, ?>) r.details().get("ab_median_ms")).get("total"));
        assertEquals(5, r.latency().count());
        assertEquals(10.0, r.latency().maxMs());
        assertEquals(18.499 / 5, r.latency().avgMs(), 1e-9);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AbReport.print(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        String expected = """


                Server Software:        nginx/1.22.1
                Server Hostname:        127.0.0.1
                Server Port:            8080

                Document Path:          /index.html
                Document Length:        1021 bytes

                Concurrency Level:      2
                Time taken for tests:   0.500 seconds
                Complete requests:      5
                Failed requests:        1
                   (Connect: 0, Receive: 0, Length: 1, Exceptions: 0)
                Non-2xx responses:      2
                Total transferred:      6250 bytes
                HTML transferred:       5105 bytes
                Requests per second:    10.00 [#/sec] (mean)
                Time per request:       200.000 [ms] (mean)
                Time per request:       100.000 [ms] (mean, across all concurrent requests)
                Transfer rate:          12.21 [Kbytes/sec] received

                Connection Times (ms)
                              min  mean[+/-sd] median   max
                Connect:        0    1   1.1      0       3
                Processing:     1    3   2.6      2       7
                Waiting:        1    2   3.8      1       9
                Total:          1    4   3.7      2      10

                Percentage of the requests served within a certain time (ms)
                  50%      2
                  66%      4
                  75%      4
                  80%     10
                  90%     10
                  95%     10
                  98%     10
                  99%     10
                 100%     10 (longest request)
                """;
        assertEquals(expected, b.toString(StandardCharsets.UTF_8));
        // --ab-median prints ab's own figure
        RunResult abStyle = AbResult.of(new AbRun(o.toBuilder().abMedian(true).build(), 80, Instant.EPOCH, Instant.EPOCH, 0.5, counts,
                "x", 1021, timings, 5, h, null, SlotsEnd.COMPLETE, null, 1, "epoll", null), 1);
        assertEquals(3, abStyle.value("total_median_ms"));
        assertEquals("ab", abStyle.details().get("median"));
    }
}

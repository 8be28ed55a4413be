package io.virtbench.http.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.http.HttpBenchmark;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.report.AbReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApacheBenchParseTest {

    @Test
    void everyPaperLogParsesEightyRuns() throws NativeParseException {
        for (Path p : PaperLogs.files("http-benchmark")) {
            List<RunResult> runs = ApacheBench.parse(p.getFileName().toString(), PaperLogs.read(p));
            assertEquals(80, runs.size(), p.toString());
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                assertEquals("ab", r.tool());
                assertEquals("2.3", r.toolVersion());
                assertEquals(RunStatus.COMPLETE, r.status());
                assertEquals((long) HttpBenchmark.STUDY_LEVELS.get(i % 8), r.parameters().get("c"), p + " run " + (i + 1));
                assertEquals(5000, r.value("complete_requests"));
                assertEquals(106, r.value("document_length_bytes"));
                assertEquals(5000, r.value("non_2xx_responses"));
                assertEquals("nginx", r.details().get("server_software"));
                assertEquals("http://gitlab.custom.local/", r.parameters().get("url"));
                // ab's own identities hold on every run
                double t = r.value("time_taken_seconds");
                long c = (Long) r.parameters().get("c");
                assertEquals(5000 / t, r.value("requests_per_second"), 0.006);
                assertEquals(c * t * 1000 / 5000, r.value("time_per_request_ms"), 0.0006 * c + 0.0005);
                assertEquals(r.value("failed_requests"), r.value("failed_connect") + r.value("failed_receive")
                        + r.value("failed_length") + r.value("failed_exceptions"));
                assertEquals(r.value("total_max_ms"), r.value("served_p100_ms"));
                assertEquals(5000, r.latency().count());
            }
        }
    }

    @Test
    void theStudysMetalBaselineIsTheMeanTimePerRequestOverAllRuns() throws NativeParseException {
        List<RunResult> metal = ApacheBench.parse("metal", PaperLogs.read(PaperLogs.file("http-benchmark", "-metal-")));
        double mean = metal.stream().mapToDouble(r -> r.value("time_per_request_ms")).average().orElseThrow();
        assertEquals(1425.18, mean, 0.005, "the study's metal baseline");
        RunResult first = metal.get(0);
        assertEquals("metal:1", first.source());
        assertEquals(68.125, first.value("time_taken_seconds"));
        assertEquals(73.39, first.value("requests_per_second"));
        assertEquals(136.250, first.value("time_per_request_ms"));
        assertEquals(13.625, first.value("time_per_request_all_ms"));
        assertEquals(73.17, first.value("transfer_rate_kib_per_second"));
        assertEquals(5104563, first.value("total_transferred_bytes"));
        assertEquals(530000, first.value("html_transferred_bytes"));
        assertEquals(38, first.value("processing_min_ms"));
        assertEquals(135, first.value("processing_mean_ms"));
        assertEquals(31.0, first.value("processing_sd_ms"));
        assertEquals(130, first.value("processing_median_ms"));
        assertEquals(351, first.value("processing_max_ms"));
        assertEquals(131, first.value("served_p50_ms"));
        assertEquals(239, first.value("served_p99_ms"));
        assertEquals(352, first.value("served_p100_ms"));
        assertEquals(false, first.parameters().get("k"));
    }

    @Test
    void failureBreakdownsOfTheStudysLogsAreRead() throws NativeParseException {
        List<RunResult> vm = ApacheBench.parse("vm", PaperLogs.read(PaperLogs.file("http-benchmark", "-vm-")));
        List<RunResult> failed = vm.stream().filter(r -> r.value("failed_requests") > 0).toList();
        assertEquals(1, failed.size());
        assertEquals(3, failed.get(0).value("failed_length"));
        assertEquals(3L, failed.get(0).errors().get("length"));
        List<RunResult> fc = ApacheBench.parse("fc", PaperLogs.read(PaperLogs.file("http-benchmark", "-firecracker-")));
        assertEquals(2, fc.stream().filter(r -> r.value("failed_connect") == 1).count());
    }

    /** virtbench prints ab's layout: every report of the study's logs is reprinted byte for byte from its parse. */
    @Test
    void everyPaperReportReprintsExactly() throws NativeParseException {
        int reports = 0;
        for (Path p : PaperLogs.files("http-benchmark")) {
            String text = PaperLogs.read(p);
            List<String> originals = reports(text);
            List<RunResult> runs = ApacheBench.parse(p.getFileName().toString(), text);
            assertEquals(originals.size(), runs.size());
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(originals.get(i), print(runs.get(i)), p + " run " + (i + 1));
                reports++;
            }
        }
        assertEquals(320, reports);
    }

    /** Each run's text from the two newlines before "Server Software" to its last percentage line. */
    static List<String> reports(String text) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int s = text.indexOf("\n\n\nServer Software:", at);
            if (s < 0) {
                return out;
            }
            int e = text.indexOf("(longest request)\n", s);
            out.add(text.substring(s + 1, e + "(longest request)\n".length()));
            at = e;
        }
    }

    static String print(RunResult r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AbReport.print(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsKeepAliveBodyAndErrorRuns() throws NativeParseException {
        String log = """
                This is ApacheBench, Version 2.3 <$Revision: 1903618 $>
                Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
                Licensed to The Apache Software Foundation, http://www.apache.org/

                Benchmarking 127.0.0.1 (be patient).....done


                Server Software:        Apache/2.4.62
                Server Hostname:        127.0.0.1
                Server Port:            8080

                Document Path:          /x?y=1
                Document Length:        Variable

                Concurrency Level:      2
                Time taken for tests:   0.010 seconds
                Complete requests:      10
                Failed requests:        0
                Write errors:           1
                Keep-Alive requests:    10
                Total transferred:      2000 bytes
                Total body sent:        1700
                HTML transferred:       1000 bytes
                Requests per second:    1000.00 [#/sec] (mean)
                Time per request:       2.000 [ms] (mean)
                Time per request:       1.000 [ms] (mean, across all concurrent requests)
                Transfer rate:          195.31 [Kbytes/sec] received
                                        166.02 kb/s sent
                                        361.33 kb/s total

                Connection Times (ms)
                              min   avg   max
                Connect:        0     0    0
                Processing:     1     1    2
                Waiting:        1     1    2
                Total:          1     1    2
                This is ApacheBench, Version 2.3 <$Revision: 1903618 $>
                Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
                Licensed to The Apache Software Foundation, http://www.apache.org/

                Benchmarking 127.0.0.1 (be patient)...Total of 3 requests completed
                apr_socket_recv: Connection reset by peer (104)
                """;
        List<RunResult> runs = ApacheBench.parse("x", log);
        assertEquals(2, runs.size());
        RunResult a = runs.get(0);
        assertEquals(true, a.parameters().get("k"));
        assertEquals(true, a.parameters().get("l"));
        assertEquals("http://127.0.0.1:8080/x?y=1", a.parameters().get("url"));
        assertTrue(a.metric("document_length_bytes").isEmpty());
        assertEquals(10, a.value("keep_alive_requests"));
        assertEquals(1700, a.value("total_body_sent_bytes"));
        assertEquals(166.02, a.value("sent_rate_kib_per_second"));
        assertEquals(361.33, a.value("total_rate_kib_per_second"));
        assertEquals(1, a.value("write_errors"));
        assertEquals(2, a.value("total_max_ms"));
        assertTrue(a.metric("total_median_ms").isEmpty(), "-S has no median");
        RunResult b = runs.get(1);
        assertEquals(RunStatus.FAILED, b.status());
        assertTrue(b.message().contains("apr_socket_recv: Connection reset by peer (104)"), b.message());
        assertEquals(3, b.value("complete_requests"));
        // the -S report reprints as ab printed it
        String printed = print(a);
        assertTrue(printed.contains("              min   avg   max\nConnect:        0     0    0\n"), printed);
        assertTrue(printed.contains("                        166.02 kb/s sent\n"), printed);
    }

    /**
     * ab judges mean against median with its unrounded standard deviation: here the total row's sd
     * printed as 0.5 was below it, so ab printed ERROR where the printed figures alone (mean 1,
     * median 0, sd 0.5) say WARNING. The reprint keeps ab's verdicts.
     */
    @Test
    void abSaneVerdictsReprintAsAbPrintedThem() throws NativeParseException {
        String report = """
                Server Software:        virtbench
                Server Hostname:        127.0.0.1
                Server Port:            41025

                Document Path:          /
                Document Length:        1021 bytes

                Concurrency Level:      3
                Time taken for tests:   0.055 seconds
                Complete requests:      301
                Failed requests:        0
                Keep-Alive requests:    301
                Total transferred:      368123 bytes
                HTML transferred:       307321 bytes
                Requests per second:    5472.73 [#/sec] (mean)
                Time per request:       0.548 [ms] (mean)
                Time per request:       0.183 [ms] (mean, across all concurrent requests)
                Transfer rate:          6536.36 [Kbytes/sec] received

                Connection Times (ms)
                              min  mean[+/-sd] median   max
                Connect:        0    0   0.0      0       0
                Processing:     0    1   0.5      0       4
                Waiting:        0    1   0.5      0       4
                Total:          0    1   0.5      0       4
                ERROR: The median and mean for the processing time are more than twice the standard
                       deviation apart. These results are NOT reliable.
                ERROR: The median and mean for the waiting time are more than twice the standard
                       deviation apart. These results are NOT reliable.
                WARNING: The median and mean for the total time are not within a normal deviation
                        These results are probably not that reliable.

                Percentage of the requests served within a certain time (ms)
                  50%      0
                  66%      1
                  75%      1
                  80%      1
                  90%      1
                  95%      1
                  98%      2
                  99%      3
                 100%      4 (longest request)
                """;
        RunResult r = ApacheBench.parse("x", "This is ApacheBench, Version 2.3 <$Revision: 1903618 $>\n"
                + "Benchmarking 127.0.0.1 (be patient).....done\n\n\n" + report).get(0);
        String printed = print(r);
        assertTrue(printed.endsWith(report), printed);
    }

    @Test
    void aLogWithoutRunsIsAnError() {
        assertThrows(NativeParseException.class, () -> ApacheBench.parse("x", "hello\n"));
        NativeParseException e = assertThrows(NativeParseException.class, () -> ApacheBench.parse("x",
                "This is ApacheBench, Version 2.3 <$Revision: 1 $>\n\nServer Software:        x\n"));
        assertTrue(e.getMessage().contains("Complete requests"), e.getMessage());
    }

    @Test
    void theEquivalentCommandLine() {
        AbOptions o = AbOptions.builder("http://127.0.0.1:8080/").requests(5000).concurrency(10).keepAlive(true)
                .recvErrorsOk(true).headers(List.of("X-A: 1")).build();
        assertEquals(List.of("ab", "-k", "-r", "-n", "5000", "-c", "10", "-H", "X-A: 1", "http://127.0.0.1:8080/"),
                ApacheBench.command(o));
        AbOptions t = AbOptions.builder("http://h/").requests(AbOptions.TIMED_REQUESTS).timeLimit(30).timeout(5).build();
        assertEquals("ab -t 30 -n 50000 -c 1 -s 5 http://h/", ApacheBench.commandLine(t));
    }
}

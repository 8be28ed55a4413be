package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlongsideTest {
    private static RunResult cpu(String platform, double events, List<String> alongside) throws Exception {
        RunResult r = Results.run(platform, "cpu", null, "events_per_second", events).toBuilder()
                .detail(Alongside.DETAIL, alongside).build();
        return ResultFiles.fromJson(ResultFiles.toJson(r)); // as read back from a file
    }

    @Test
    void resultsMeasuredBesideOthersWarnOncePerPlatformNamingThem() throws Exception {
        List<RunResult> rs = List.of(cpu("metal", 100, List.of()), cpu("docker", 90, List.of("gvisor")),
                cpu("docker", 91, List.of("gvisor", "kata")), cpu("gvisor", 50, List.of("docker")));
        Comparison.Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        assertEquals(List.of("platform docker: measured at the same time as gvisor, kata (a noisy-neighbour run: its figures"
                        + " include their load)",
                "platform gvisor: measured at the same time as docker (a noisy-neighbour run: its figures include their load)"),
                r.warnings());
    }
}

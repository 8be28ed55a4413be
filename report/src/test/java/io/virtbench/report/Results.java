package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.List;

/** Builds result values for tests, shaped as the workloads' own results. */
final class Results {
    private Results() {
    }

    static RunResult run(String platform, String workload, String test, String metric, double value, Object... params) {
        RunResult.Builder b = RunResult.builder(workload).test(test).metric(
                new io.virtbench.core.result.Metric(metric, value, "x", io.virtbench.core.result.Direction.NONE))
                .host(NativeImport.labelOnly(platform));
        for (int i = 0; i + 1 < params.length; i += 2) {
            b.parameter((String) params[i], params[i + 1]);
        }
        return b.build();
    }

    static List<RunResult> runs(String platform, String workload, String test, String metric, double[] values,
                                Object... params) {
        List<RunResult> out = new ArrayList<>();
        for (double v : values) {
            out.add(run(platform, workload, test, metric, v, params));
        }
        return out;
    }
}

package io.virtbench.core.result;

import java.util.List;

/**
 * sysbench's "Threads fairness": mean and population standard deviation of per-thread event
 * counts and of per-thread execution time (the sum of each thread's event latencies, seconds).
 */
public record Fairness(double eventsAvg, double eventsStddev, double executionTimeAvg, double executionTimeStddev) {

    public static Fairness of(List<ThreadTotals> threads) {
        int n = threads.size();
        if (n == 0) {
            return new Fairness(0, 0, 0, 0);
        }
        double ev = 0;
        double ex = 0;
        for (ThreadTotals t : threads) {
            ev += t.events();
            ex += t.sumNs() / 1e9;
        }
        double evAvg = ev / n;
        double exAvg = ex / n;
        double evVar = 0;
        double exVar = 0;
        for (ThreadTotals t : threads) {
            evVar += (t.events() - evAvg) * (t.events() - evAvg);
            double s = t.sumNs() / 1e9;
            exVar += (s - exAvg) * (s - exAvg);
        }
        return new Fairness(evAvg, Math.sqrt(evVar / n), exAvg, Math.sqrt(exVar / n));
    }
}

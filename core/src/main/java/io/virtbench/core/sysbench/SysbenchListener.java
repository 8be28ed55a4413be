package io.virtbench.core.sysbench;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.RunSettings;
import java.io.PrintStream;

/**
 * The live part of a sysbench-layout report: "Threads started!", the warm-up notice, and each
 * test's own interval line ({@link #interval}), printed as the harness reports them.
 */
public abstract class SysbenchListener implements Harness.Listener {
    protected final PrintStream out;
    protected final RunSettings settings;

    protected SysbenchListener(PrintStream out, RunSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    @Override
    public void started() {
        SysbenchText.threadsStarted(out);
        out.flush();
    }

    @Override
    public void jitWarmedUp(JitWarmup.Summary summary) {
        out.println(summary.line());
        out.println();
        out.flush();
    }

    @Override
    public void warmingUp(double seconds) {
        SysbenchText.warmingUp(out, seconds);
    }

    /** The test's interval line (and, with {@code --rate}, the queue line). */
    @Override
    public abstract void interval(IntervalSample s);

    /**
     * What the harness should report to: everything when the report is text, only the interval
     * lines (to standard error) when the output is JSON or CSV and intervals were asked for,
     * nothing otherwise.
     */
    public Harness.Listener forOutput(boolean text) {
        if (text) {
            return this;
        }
        if (settings.reportInterval() <= 0) {
            return Harness.SILENT;
        }
        SysbenchListener self = this;
        return new Harness.Listener() {
            @Override
            public void interval(IntervalSample sample) {
                self.interval(sample);
            }
        };
    }
}

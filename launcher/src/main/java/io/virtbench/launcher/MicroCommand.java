package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.micro.MicroBenchmark;
import io.virtbench.micro.MicroOp;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "micro", mixinStandardHelpOptions = true,
        description = {"The cost of single operations in ns: a system call, stat, open+close, a 4 KiB cached read, "
                + "sched_yield, a thread switch, a pipe round trip, a page fault, a process spawn, a clock read.",
                "Each operation runs on the harness for --time seconds (or --events), one after the other."})
final class MicroCommand implements Callable<Integer> {
    static final String MICRO_OPS = "syscall,stat,open-close,read-4k,yield,switch,pipe,page-fault,spawn,clock";

    private final Streams streams;

    MicroCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--op", paramLabel = "NAME[,NAME...]",
            description = "operations to measure, in this order (default: all): " + MICRO_OPS)
    String ops;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        List<MicroOp> list = MicroOp.parse(ops);
        RunSettings settings = run.settings();
        Output o = output.open(streams);
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        if (o.text()) {
            MicroBenchmark.header(o.out());
        }
        for (MicroOp op : list) {
            int code = Repetitions.run(o, output.repeat, 0,
                    rep -> MicroBenchmark.run(op, settings, o, rep, tmp)).exitCode();
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }
}

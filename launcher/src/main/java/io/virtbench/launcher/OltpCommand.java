package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.oltp.OltpSession;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpScript;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "oltp", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's oltp_read_only / oltp_write_only / oltp_read_write against MySQL or MariaDB"
                + " (Connector/J, one pooled connection per thread).",
                "Usage like sysbench: virtbench oltp [SCRIPT] prepare|run|cleanup [options];"
                        + " SCRIPT may be oltp_read_only etc. instead of --test.",
                "Equivalent: sysbench oltp_read_only --tables=1 --table-size=10000 --threads=1 --time=10 run"})
final class OltpCommand implements Callable<Integer> {
    private final Streams streams;

    OltpCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(arity = "0..2", paramLabel = "COMMAND", description = "[SCRIPT] prepare, run (default) or cleanup")
    List<String> words = new ArrayList<>();

    @Mixin
    OltpOptionsMixin oltp;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        String command = "run";
        String script = null;
        for (String w : words) {
            switch (w) {
                case "prepare", "run", "cleanup" -> command = w;
                default -> {
                    if (script != null) {
                        throw UserException.usage("unknown command '" + w + "' for oltp (expected prepare, run or cleanup)");
                    }
                    script = w;
                }
            }
        }
        if (script != null) {
            oltp.test = OltpScript.parse(script).shortName();
        }
        OltpOptions options = oltp.options();
        RunSettings settings = run.settings();
        Output o = output.open(streams);
        switch (command) {
            case "prepare" -> {
                if (oltp.embedded) {
                    throw UserException.usage("--embedded starts a throwaway database: use it with 'run', which prepares the tables itself");
                }
                return OltpSession.prepare(options, oltp.target(), settings.threads(), o);
            }
            case "cleanup" -> {
                if (oltp.embedded) {
                    throw UserException.usage("--embedded starts a throwaway database: there is nothing to clean up");
                }
                return OltpSession.cleanup(options, oltp.target(), o);
            }
            default -> {
                return OltpSession.run(options, oltp.target(), settings, o, output.repeat, oltp.sweep, oltp.sweepPause,
                        oltp.embedded);
            }
        }
    }
}

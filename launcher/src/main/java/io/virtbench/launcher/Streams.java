package io.virtbench.launcher;

import io.virtbench.core.harness.StopSignal;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Standard output and error of one command-line execution, and the signal that asks it to stop
 * (Ctrl-C, or the suite stopping a service it started), handed to every command.
 */
record Streams(PrintStream out, PrintStream err, StopSignal stop) {

    /** Creates command objects, passing the streams to those whose constructor takes them. */
    CommandLine.IFactory factory() {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    var ctor = cls.getDeclaredConstructor(Streams.class);
                    ctor.setAccessible(true);
                    return ctor.newInstance(Streams.this);
                } catch (NoSuchMethodException e) {
                    return fallback.create(cls);
                }
            }
        };
    }
}

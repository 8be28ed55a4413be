package io.virtbench.launcher;

import java.io.PrintStream;
import picocli.CommandLine;

/** Standard output and error of one command-line execution, handed to every command. */
record Streams(PrintStream out, PrintStream err) {

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

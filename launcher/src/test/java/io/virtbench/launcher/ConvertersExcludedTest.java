package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Main leaves out picocli's java.sql and java.time converters to start faster: that is only
 * safe while no option or parameter of any command has such a type.
 */
class ConvertersExcludedTest {
    @Test
    void noOptionOfAnyCommandNeedsAnExcludedConverter() {
        Pattern excluded = Pattern.compile(Main.CONVERTERS_EXCLUDED);
        assertTrue(excluded.matcher("java.time.Duration").matches() && excluded.matcher("java.sql.Timestamp").matches());
        assertFalse(excluded.matcher("java.nio.file.Path").matches(), "Path options keep their converter");
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        List<String> checked = new ArrayList<>();
        for (Class<?> c : Main.COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            CommandLine cl = Main.commandLine(new Streams(none, none, new StopSignal()), new String[] {name});
            collect(cl.getSubcommands().get(name), excluded, checked);
        }
        assertEquals(List.of(), checked.stream().filter(s -> s.startsWith("!")).toList());
        assertTrue(checked.size() > 100, "every option was seen: " + checked.size());
    }

    private static void collect(CommandLine cl, Pattern excluded, List<String> out) {
        List<ArgSpec> args = new ArrayList<>(cl.getCommandSpec().options());
        args.addAll(cl.getCommandSpec().positionalParameters());
        for (ArgSpec a : args) {
            List<Class<?>> types = new ArrayList<>(List.of(a.type()));
            types.addAll(List.of(a.auxiliaryTypes()));
            for (Class<?> t : types) {
                boolean bad = excluded.matcher(t.getName()).matches();
                out.add((bad ? "!" : "") + cl.getCommandSpec().qualifiedName() + " " + a.paramLabel() + ": " + t.getName());
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, excluded, out));
    }
}

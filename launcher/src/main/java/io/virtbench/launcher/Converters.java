package io.virtbench.launcher;

import io.virtbench.core.sysbench.Sizes;
import java.util.Locale;
import picocli.CommandLine;

/** Option value converters for sysbench's value syntax. */
final class Converters {
    private Converters() {
    }

    /** sysbench booleans: on/off, true/false, yes/no, 1/0; a bare {@code --flag} means on (use arity "0..1"). */
    static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes", "1" -> true;
                case "off", "false", "no", "0" -> false;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not on or off");
            };
        }
    }

    /** sysbench sizes: a number with an optional K/M/G/T suffix (powers of 1024). */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Sizes.parse("size", value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 16K, 512M or 5G");
            }
        }
    }

    /** iperf3 sizes (-l, -n, -k, -w): a number with an optional K/M/G/T suffix (powers of 1024). */
    static final class IperfSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                double v = io.virtbench.net.report.Units.parseBinary("size", value);
                if (v < 0 || v > Long.MAX_VALUE) {
                    throw new IllegalArgumentException();
                }
                return (long) v;
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 128K, 1M or 4000");
            }
        }
    }
}

package io.virtbench.core.result;

/**
 * One measured figure. The name carries its unit ({@code events_per_second},
 * {@code read_mib_per_second}, {@code latency_avg_ms}) and {@link #unit} spells it out.
 */
public record Metric(String name, double value, String unit, Direction direction) {

    public static Metric higher(String name, double value, String unit) {
        return new Metric(name, value, unit, Direction.HIGHER_IS_BETTER);
    }

    public static Metric lower(String name, double value, String unit) {
        return new Metric(name, value, unit, Direction.LOWER_IS_BETTER);
    }

    public static Metric info(String name, double value, String unit) {
        return new Metric(name, value, unit, Direction.NONE);
    }
}

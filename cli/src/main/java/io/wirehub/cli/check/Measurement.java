package io.wirehub.cli.check;

import java.time.Duration;

/**
 * One timed figure of a check against its thresholds.
 *
 * @param name     the perf-data name ({@code connect_time}, {@code rtt}, {@code request_time})
 * @param what     what was timed, in words
 * @param value    how long it took
 * @param warning  at or above this the figure is a warning
 * @param critical at or above this it is critical
 */
public record Measurement(String name, String what, Duration value, Duration warning, Duration critical) {

    public CheckStatus status() {
        if (value.compareTo(critical) >= 0) {
            return CheckStatus.CRITICAL;
        }
        return value.compareTo(warning) >= 0 ? CheckStatus.WARNING : CheckStatus.OK;
    }

    public double seconds() {
        return value.toNanos() / 1e9;
    }
}

package io.wirehub.cli.check;

import java.util.List;

/**
 * What a check found: the figures it measured and the failures that kept it from measuring the
 * rest (a refused connection, a request nobody answered).
 *
 * @param check        the check's name ("Connection")
 * @param server       the server URL checked
 * @param measurements figures taken, in the order taken
 * @param critical     failures that make the check critical
 * @param unknown      reasons the check could not run at all
 */
public record CheckResult(String check, String server, List<Measurement> measurements, List<String> critical,
                          List<String> unknown) {

    public CheckStatus status() {
        CheckStatus status = CheckStatus.OK;
        for (Measurement m : measurements) {
            status = status.worst(m.status());
        }
        if (!critical.isEmpty()) {
            status = status.worst(CheckStatus.CRITICAL);
        }
        if (!unknown.isEmpty()) {
            status = status.worst(CheckStatus.UNKNOWN);
        }
        return status;
    }
}

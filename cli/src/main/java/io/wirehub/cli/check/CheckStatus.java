package io.wirehub.cli.check;

/** A check's outcome, ordered by severity, with the Nagios plugin exit code of each. */
public enum CheckStatus {
    OK(0, "OK"),
    WARNING(1, "WARNING"),
    CRITICAL(2, "CRITICAL"),
    UNKNOWN(3, "UNKNOWN");

    private final int exitCode;
    private final String label;

    CheckStatus(int exitCode, String label) {
        this.exitCode = exitCode;
        this.label = label;
    }

    public int exitCode() {
        return exitCode;
    }

    public String label() {
        return label;
    }

    /** The worse of the two; UNKNOWN counts as worst, as Nagios ranks it. */
    CheckStatus worst(CheckStatus other) {
        return other.exitCode > exitCode ? other : this;
    }
}

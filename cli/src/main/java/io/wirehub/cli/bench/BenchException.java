package io.wirehub.cli.bench;

/** A load that could not finish: messages missing, no responders, a deadline passed. */
public final class BenchException extends Exception {
    public BenchException(String message) {
        super(message);
    }
}

package io.wirehub.cli.files;

import picocli.CommandLine.Option;

/** Flags every file-transfer verb takes. */
public final class TransferOptions {
    @Option(names = "--no-progress", description = "No progress bar (it only shows when stderr is a terminal anyway).")
    boolean noProgress;


    @Option(names = "--window", paramLabel = "CHUNKS", defaultValue = "16",
            description = "Chunks in flight at once (default ${DEFAULT-VALUE}).")
    int window = 16;

    public boolean noProgress() {
        return noProgress;
    }

    public int window() {
        return window;
    }
}

package io.wirehub.cli.files;

import io.wirehub.cli.Console;
import io.wirehub.client.files.TransferProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * File-transfer progress on stderr, as croc and curl show it: a bar per phase (hashing,
 * uploading, downloading) with bytes, rate and time left — only when stderr is a terminal and
 * {@code --no-progress} was not given. Otherwise nothing, so logs and pipes stay clean.
 */
public final class ProgressBars implements TransferProgress {
    /** Set by the transferring thread only. */
    private ProgressBar bar;
    private final String unit;
    private final long unitSize;

    private ProgressBars(String unit, long unitSize) {
        this.unit = unit;
        this.unitSize = unitSize;
    }

    /** A bar in MiB, for bytes. */
    public static TransferProgress forConsole(Console console, boolean disabled) {
        return forConsole(console, disabled, " MiB", 1024 * 1024);
    }

    /** A bar counting in {@code unit}s of {@code unitSize} (" msgs", 1 for bench). */
    public static TransferProgress forConsole(Console console, boolean disabled, String unit, long unitSize) {
        return disabled || !console.terminal() ? TransferProgress.NONE : new ProgressBars(unit, unitSize);
    }

    @Override
    public void start(String phase, long total) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(unit, unitSize)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                .showSpeed().build();
    }

    @Override
    public void advanceTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

package dev.hush.cli;

import java.io.PrintStream;

/** Percentage lines on stderr, one per tenth of the work, so long runs show life without flooding the terminal. */
final class Progress {
    private static final int STEP_PERCENT = 10;

    private final PrintStream err;
    private final boolean enabled;
    private int lastPrintedPercent;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void report(double fraction) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.floor(Math.min(1.0, Math.max(0.0, fraction)) * 100 + 1e-9);
        int step = percent / STEP_PERCENT * STEP_PERCENT;
        if (step > lastPrintedPercent) {
            lastPrintedPercent = step;
            err.println("denoise: " + step + "%");
            err.flush();
        }
    }
}

package dev.hush.cli;

import java.io.PrintStream;
import java.util.function.DoubleConsumer;

/**
 * Percentage lines on stderr, one per tenth of the work, so long runs show life without flooding the terminal.
 * Channels run on their own threads and report separately; the line shows their average.
 */
final class Progress {
    private static final int STEP_PERCENT = 10;

    private final PrintStream err;
    private final boolean enabled;
    private double[] channelFractions = new double[1];
    private int lastPrintedPercent;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** The reporter for channel {@code channel} of {@code channels}: takes that channel's fraction done. */
    synchronized DoubleConsumer channel(int channel, int channels) {
        if (channelFractions.length != channels) {
            channelFractions = new double[channels];
        }
        return fraction -> update(channel, fraction);
    }

    synchronized void finish() {
        java.util.Arrays.fill(channelFractions, 1.0);
        print(1.0);
    }

    private synchronized void update(int channel, double fraction) {
        channelFractions[channel] = Math.max(channelFractions[channel], Math.min(1.0, Math.max(0.0, fraction)));
        double sum = 0;
        for (double f : channelFractions) {
            sum += f;
        }
        print(sum / channelFractions.length);
    }

    private void print(double fraction) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.floor(fraction * 100 + 1e-9);
        int step = percent / STEP_PERCENT * STEP_PERCENT;
        if (step > lastPrintedPercent) {
            lastPrintedPercent = step;
            err.println("denoise: " + step + "%");
            err.flush();
        }
    }
}

package dev.hush.training.data;

import java.util.Arrays;

/**
 * How far a recording's quiet moments sit under its speech: the level of its loudest 10 ms frames (95th percentile)
 * minus that of its quietest (5th percentile), in dB. A clean studio prompt spans 30–60 dB; a home recording with a
 * fan or hiss under every word spans about 10. Such a recording is a poor training target: the oracle gains ask the
 * network to keep its noise, and a network taught that keeps steady noise in pauses (1.8.0 lost 18 dB of pause depth
 * over rain that way, runs/hush-percepnet-1.8.0).
 *
 * <p>Percentiles, not min and max: the trimmer leaves a few frames of true digital silence at some edges, and one
 * click must not make a noisy file look clean.
 */
public final class RecordingFloor {
    /** The frame the levels are measured on: 10 ms, one hop at 48 kHz. */
    public static final int FRAME_SAMPLES = 480;
    static final double LOUD_PERCENTILE = 0.95;
    static final double QUIET_PERCENTILE = 0.05;
    /** Digital silence is counted at this level (−120 dBFS) rather than as minus infinity. */
    static final double SILENCE_POWER = 1e-12;

    private RecordingFloor() {
    }

    /**
     * The p95 − p5 spread of the recording's 10 ms frame levels, in dB; a recording of fewer than two whole frames
     * has no measurable spread and scores 0 (never admitted as clean).
     */
    public static double dynamicRangeDb(float[] samples) {
        int frames = samples.length / FRAME_SAMPLES;
        if (frames < 2) {
            return 0;
        }
        double[] levelDb = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * FRAME_SAMPLES; i < (f + 1) * FRAME_SAMPLES; i++) {
                sum += (double) samples[i] * samples[i];
            }
            levelDb[f] = 10 * Math.log10(sum / FRAME_SAMPLES + SILENCE_POWER);
        }
        Arrays.sort(levelDb);
        return percentile(levelDb, LOUD_PERCENTILE) - percentile(levelDb, QUIET_PERCENTILE);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.round(p * (sorted.length - 1));
        return sorted[rank];
    }
}

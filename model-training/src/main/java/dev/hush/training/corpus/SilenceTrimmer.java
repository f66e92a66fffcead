package dev.hush.training.corpus;

import java.util.Arrays;

/**
 * Cuts leading and trailing silence off a speech phrase, so that the pauses of a mixture are the ones we put there.
 * A 10 ms frame counts as speech when its level is within {@link #RELATIVE_THRESHOLD_DB} of the loudest frame;
 * margins keep soft onsets and decays, and short fades avoid clicks at the cut.
 */
public final class SilenceTrimmer {
    public static final double RELATIVE_THRESHOLD_DB = -40;
    /** Frames quieter than this are silence even in a very quiet recording. */
    public static final double ABSOLUTE_FLOOR_DBFS = -70;
    public static final double FRAME_SECONDS = 0.010;
    public static final double LEAD_MARGIN_SECONDS = 0.08;
    public static final double TAIL_MARGIN_SECONDS = 0.15;
    public static final double FADE_SECONDS = 0.005;

    private SilenceTrimmer() {
    }

    /** @return the trimmed copy; an all-silent input gives an empty array */
    public static float[] trim(float[] x, int sampleRateHz) {
        int frame = Math.max(1, (int) Math.round(FRAME_SECONDS * sampleRateHz));
        int frames = x.length / frame + (x.length % frame == 0 ? 0 : 1);
        double[] levelDb = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            int start = f * frame;
            int end = Math.min(x.length, start + frame);
            double e = 0;
            for (int i = start; i < end; i++) {
                e += (double) x[i] * x[i];
            }
            levelDb[f] = 10 * Math.log10(e / (end - start) + 1e-20);
            max = Math.max(max, levelDb[f]);
        }
        double threshold = Math.max(max + RELATIVE_THRESHOLD_DB, ABSOLUTE_FLOOR_DBFS);
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (levelDb[f] >= threshold) {
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        if (first < 0) {
            return new float[0];
        }
        int start = Math.max(0, first * frame - (int) Math.round(LEAD_MARGIN_SECONDS * sampleRateHz));
        int end = Math.min(x.length, (last + 1) * frame + (int) Math.round(TAIL_MARGIN_SECONDS * sampleRateHz));
        float[] out = Arrays.copyOfRange(x, start, end);
        int fade = Math.min(out.length / 2, (int) Math.round(FADE_SECONDS * sampleRateHz));
        for (int i = 0; i < fade; i++) {
            float g = (float) (0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / fade));
            out[i] *= g;
            out[out.length - 1 - i] *= g;
        }
        return out;
    }
}

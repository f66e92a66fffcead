package dev.hush.training.data;

/**
 * Takes the DC offset and the rumble out of a speech recording: its mean, then a 4th-order Butterworth high-pass at
 * {@link #CUTOFF_HZ}. Voices carry nothing that low, but the Tux Paint recordings do: a DC offset 18–22 dB below
 * the speech and, for tuxpaint-da, rumble under 40 Hz only 8.5 dB below it. Joined with silent pauses, each
 * utterance's offset becomes a step, so a clip's "clean" reference was up to half infrasound. A network trained on
 * such targets learns to keep the lowest band open (it left noise there in pauses, 9 dB down where the mid bands
 * were 21 dB down), and an evaluation against them penalises a denoiser for removing what nobody hears.
 */
public final class SpeechHighPass {
    public static final double CUTOFF_HZ = 50;
    /** Q of the two sections of a 4th-order Butterworth filter. */
    private static final double[] BUTTERWORTH_Q = {0.5412, 1.3066};

    private SpeechHighPass() {
    }

    /** Filters {@code x} in place (sample rate {@code sampleRateHz}); a cut-off ≤ 0 leaves it as it is. */
    public static void apply(float[] x, double cutoffHz, int sampleRateHz) {
        if (!(cutoffHz > 0) || x.length == 0) {
            return;
        }
        SyntheticNoise.removeMean(x);
        for (double q : BUTTERWORTH_Q) {
            Biquad.highPass(cutoffHz, q, sampleRateHz).process(x);
        }
    }
}

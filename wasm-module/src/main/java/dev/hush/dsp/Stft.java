package dev.hush.dsp;

/**
 * Short-time Fourier analysis and overlap-add synthesis with the Vorbis window:
 * 960-sample windows every 480 samples, 481 bins 50 Hz apart.
 */
public final class Stft {
    private final float[] window = VorbisWindow.create(PercepNet.WINDOW_SAMPLES);
    private final RealFft fft = new RealFft(PercepNet.WINDOW_SAMPLES);
    private final float[] work = new float[PercepNet.WINDOW_SAMPLES];
    /** Second half of the previous synthesised window, waiting for its overlap partner. */
    private final float[] overlap = new float[PercepNet.HOP_SAMPLES];

    /** Windows x[start, start+960) and transforms it into {@code re}/{@code im} (481 bins each). */
    public void analyze(float[] x, int start, float[] re, float[] im) {
        for (int n = 0; n < PercepNet.WINDOW_SAMPLES; n++) {
            work[n] = x[start + n] * window[n];
        }
        fft.forward(work, re, im);
    }

    /**
     * Inverse-transforms a spectrum, windows it again and overlap-adds: writes the 480 samples that are now
     * complete into {@code out[outOffset..]}.
     */
    public void synthesize(float[] re, float[] im, float[] out, int outOffset) {
        fft.inverse(re, im, work);
        int hop = PercepNet.HOP_SAMPLES;
        for (int n = 0; n < hop; n++) {
            out[outOffset + n] = overlap[n] + work[n] * window[n];
            overlap[n] = work[hop + n] * window[hop + n];
        }
    }

    public void reset() {
        java.util.Arrays.fill(overlap, 0f);
    }
}

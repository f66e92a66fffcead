package dev.hush.dsp;

/**
 * The fixed geometry of the PercepNet signal path (Valin et al., Interspeech 2020).
 * Every other class sizes its buffers from these, so the JVM and WASM builds agree by construction.
 */
public final class PercepNet {
    public static final int SAMPLE_RATE_HZ = 48_000;
    /** 10 ms of new audio per frame. */
    public static final int HOP_SAMPLES = 480;
    /** 20 ms analysis window (Vorbis, power-complementary at 50% overlap). */
    public static final int WINDOW_SAMPLES = 2 * HOP_SAMPLES;
    /** Real FFT of the window: DC .. Nyquist. */
    public static final int BINS = WINDOW_SAMPLES / 2 + 1;
    public static final float BIN_WIDTH_HZ = (float) SAMPLE_RATE_HZ / WINDOW_SAMPLES;
    public static final int BANDS = 34;
    /** Pitch period search range: 62.5 .. 800 Hz. */
    public static final int PITCH_MIN_PERIOD_SAMPLES = 60;
    public static final int PITCH_MAX_PERIOD_SAMPLES = 768;
    /** Comb filter half-length M: 2M+1 = 7 taps. */
    public static final int COMB_ORDER = 3;
    /** 34 log energies + 34 pitch coherences + period + correlation: the inputs of models before 1.3.0. */
    public static final int FEATURES_WITHOUT_LOOKAHEAD = 2 * BANDS + 2;
    /** Those, then the 34 log energies of the look-ahead window ({@link FrameAnalysis}). */
    public static final int FEATURES = FEATURES_WITHOUT_LOOKAHEAD + BANDS;

    private PercepNet() {
    }
}

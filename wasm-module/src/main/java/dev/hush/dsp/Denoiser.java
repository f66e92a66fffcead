package dev.hush.dsp;

/**
 * Streaming PercepNet denoiser: 480 samples in, 480 samples out, constant latency of 30 ms.
 * Samples are floats with full scale at ±1.0. No allocation per frame in this class.
 *
 * <p>Timing: the window being enhanced ends {@link #LOOKAHEAD_SAMPLES} before the newest input, so the comb
 * filter can reach one longest pitch period (and more, for higher voices) into the future. Latency is that
 * look-ahead plus the 10 ms the overlap-add waits for the next window.
 */
public final class Denoiser {
    public static final int FRAME_SAMPLES = PercepNet.HOP_SAMPLES;
    static final int LOOKAHEAD_SAMPLES = 2 * PercepNet.HOP_SAMPLES;
    /** The comb filter reaches up to M·T_max into the past. */
    static final int PAST_SAMPLES = PercepNet.COMB_ORDER * PercepNet.PITCH_MAX_PERIOD_SAMPLES;
    static final int WINDOW_START = PAST_SAMPLES;
    static final int HISTORY_SAMPLES = PAST_SAMPLES + PercepNet.WINDOW_SAMPLES + LOOKAHEAD_SAMPLES;
    public static final int LATENCY_SAMPLES = LOOKAHEAD_SAMPLES + PercepNet.HOP_SAMPLES;
    /** Default floor of the suppression, the user-visible "attenuation limit". */
    public static final float DEFAULT_ATTENUATION_LIMIT_DB = 40f;

    private final SignalHistory history = new SignalHistory(HISTORY_SAMPLES);
    /** The same signal without DC, for the pitch search only: the audio path keeps its perfect reconstruction. */
    private final SignalHistory pitchHistory = new SignalHistory(HISTORY_SAMPLES);
    private final DcBlocker dcBlocker = new DcBlocker();
    private final float[] dcBlocked = new float[PercepNet.HOP_SAMPLES];
    private final PitchSearch pitch = new PitchSearch();
    private final FrameAnalysis frame = new FrameAnalysis(new CombFilter(LOOKAHEAD_SAMPLES), LOOKAHEAD_SAMPLES);
    private final Stft synthesis = new Stft();
    private GainEstimator estimator;
    private boolean postfilter = true;
    private double postfilterWarpExponent = EnvelopePostfilter.WARP_EXPONENT;
    private double postfilterPauseWarpExponent = EnvelopePostfilter.WARP_EXPONENT;
    private double postfilterPauseBelowDb = EnvelopePostfilter.DEFAULT_PAUSE_PRESENCE_DB;
    private float minGain;

    private final float[] gains = new float[PercepNet.BANDS];
    private final float[] strengths = new float[PercepNet.BANDS];
    private final float[] bandScale = new float[PercepNet.BANDS];
    private final float[] mixedEnergy = new float[PercepNet.BANDS];
    private final float[] binValue = new float[PercepNet.BINS];
    private final float[] outRe = new float[PercepNet.BINS];
    private final float[] outIm = new float[PercepNet.BINS];
    private float speechPresence;
    /** Speech bands for the speech-presence estimate: where voices carry most of their energy. */
    private static final float SPEECH_LOW_HZ = 300f;
    private static final float SPEECH_HIGH_HZ = 4000f;

    /** A denoiser driven by the classic noise estimator. */
    public Denoiser() {
        this(new NoiseEstimator());
    }

    public Denoiser(GainEstimator estimator) {
        this.estimator = estimator;
        setAttenuationLimitDb(DEFAULT_ATTENUATION_LIMIT_DB);
    }

    /**
     * A denoiser driven by the network in {@code modelBytes} (a weights file), or by the classic noise estimator
     * alone when {@code modelBytes} is null. The network's gains are used as they are: the steady-noise assist
     * ({@link StationaryNoiseAssist}) that older, weaker networks needed costs hush-percepnet 1.3.0 SI-SDR and STOI
     * on every noise kind of the development set and buys no quieter pauses (docs/model-card.md).
     *
     * @throws IllegalArgumentException with a readable reason when the weights file is corrupt,
     *                                  truncated or of an unsupported version
     */
    public static Denoiser create(byte[] modelBytes) {
        if (modelBytes == null) {
            return new Denoiser();
        }
        return new Denoiser(dev.hush.nn.GainModel.load(modelBytes));
    }

    /** Processes one frame; {@code in} and {@code out} may be the same array. */
    public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
        history.push(in, inOffset);
        dcBlocker.process(in, inOffset, dcBlocked, PercepNet.HOP_SAMPLES);
        pitchHistory.push(dcBlocked, 0);
        float[] x = history.samples();
        pitch.analyze(pitchHistory.samples(), WINDOW_START, PercepNet.WINDOW_SAMPLES);
        frame.analyzeNext(x, WINDOW_START, pitch.periodSamples(), pitch.correlation());
        estimator.estimate(frame, gains, strengths);
        sanitize();
        mixCombFilter();
        updateSpeechPresence();
        if (postfilter) {
            EnvelopePostfilter.apply(gains, frame.energy, EnvelopePostfilter.warpExponent(speechPresence,
                    postfilterWarpExponent, postfilterPauseWarpExponent, postfilterPauseBelowDb));
        }
        for (int b = 0; b < PercepNet.BANDS; b++) {
            bandScale[b] *= Math.max(gains[b], minGain);
        }
        ErbBands.interpolate(bandScale, binValue);
        for (int k = 0; k < PercepNet.BINS; k++) {
            outRe[k] *= binValue[k];
            outIm[k] *= binValue[k];
        }
        synthesis.synthesize(outRe, outIm, out, outOffset);
    }

    /** A bad estimate (NaN from a broken model, out-of-range values) must never reach the audio. */
    private void sanitize() {
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float g = gains[b];
            gains[b] = g >= 0f ? Math.min(g, 1f) : (g < 0f ? 0f : 1f);
            float r = strengths[b];
            strengths[b] = r > 0f ? Math.min(r, 1f) : 0f;
        }
    }

    /**
     * Z = (1−r)·X + r·P per bin (r spread from the bands), leaving in {@code bandScale} the per-band factor
     * that brings each band of Z back to the energy of X: the comb changes the tone-to-noise ratio, the gain
     * alone changes the level.
     */
    private void mixCombFilter() {
        boolean anyComb = false;
        for (int b = 0; b < PercepNet.BANDS; b++) {
            anyComb |= strengths[b] > 0f;
            bandScale[b] = 1f;
        }
        if (!anyComb) {
            System.arraycopy(frame.xRe, 0, outRe, 0, PercepNet.BINS);
            System.arraycopy(frame.xIm, 0, outIm, 0, PercepNet.BINS);
            return;
        }
        ErbBands.interpolate(strengths, binValue);
        for (int k = 0; k < PercepNet.BINS; k++) {
            float r = binValue[k];
            outRe[k] = (1 - r) * frame.xRe[k] + r * frame.pRe[k];
            outIm[k] = (1 - r) * frame.xIm[k] + r * frame.pIm[k];
        }
        ErbBands.energy(outRe, outIm, mixedEnergy);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float mixed = mixedEnergy[b];
            bandScale[b] = mixed > 1e-20f ? (float) Math.sqrt(frame.energy[b] / mixed) : 1f;
        }
    }

    /**
     * Share of the 0.3–4 kHz energy the estimator keeps, energy-weighted over bands: near 1 when the frame is
     * speech the network leaves alone, near 0 when it is noise it removes. Not a calibrated probability.
     */
    private void updateSpeechPresence() {
        double kept = 0;
        double total = 0;
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float hz = ErbBands.centerHz(b);
            if (hz >= SPEECH_LOW_HZ && hz <= SPEECH_HIGH_HZ) {
                kept += (double) gains[b] * gains[b] * frame.energy[b];
                total += frame.energy[b];
            }
        }
        speechPresence = total > 1e-12 ? (float) (kept / total) : 0f;
    }

    /** Speech presence of the last frame in [0, 1] (see {@link #updateSpeechPresence}). */
    public float speechPresence() {
        return speechPresence;
    }

    /** Output sample i corresponds to input sample i - latencySamples(). */
    public int latencySamples() {
        return LATENCY_SAMPLES;
    }

    /** Limits suppression to this many dB (e.g. 40 → no band is attenuated below −40 dB). */
    public void setAttenuationLimitDb(float db) {
        if (!(db >= 0f)) {
            throw new IllegalArgumentException("attenuation limit must be ≥ 0 dB, got " + db);
        }
        minGain = (float) Math.pow(10, -db / 20);
    }

    public void setPostfilterEnabled(boolean enabled) {
        postfilter = enabled;
    }

    /**
     * The postfilter warp's exponent in every frame ({@link EnvelopePostfilter#WARP_EXPONENT} shipped); to measure
     * others. Replaces a pause-dependent warp.
     */
    public void setPostfilterWarpExponent(double exponent) {
        checkWarpExponent(exponent);
        postfilterWarpExponent = exponent;
        postfilterPauseWarpExponent = exponent;
    }

    /**
     * A warp that depends on the frame ({@link EnvelopePostfilter#warpExponent}): {@code speechExponent} where the
     * network keeps speech, {@code pauseExponent} where its speech presence is at or below {@code pauseBelowDb}.
     */
    public void setPostfilterWarpExponents(double speechExponent, double pauseExponent, double pauseBelowDb) {
        checkWarpExponent(speechExponent);
        checkWarpExponent(pauseExponent);
        if (!(pauseBelowDb <= 0 && pauseBelowDb >= -100)) {
            throw new IllegalArgumentException("pause presence must be in [-100, 0] dB, got " + pauseBelowDb);
        }
        postfilterWarpExponent = speechExponent;
        postfilterPauseWarpExponent = pauseExponent;
        postfilterPauseBelowDb = pauseBelowDb;
    }

    private static void checkWarpExponent(double exponent) {
        if (!(exponent >= 0 && exponent <= EnvelopePostfilter.MAX_WARP_EXPONENT)) {
            throw new IllegalArgumentException("warp exponent must be in [0, " + EnvelopePostfilter.MAX_WARP_EXPONENT
                    + "], got " + exponent);
        }
    }

    public void setGainEstimator(GainEstimator estimator) {
        this.estimator = estimator;
    }

    /** The analysis of the frame just processed (features, band energies, pitch). */
    public FrameAnalysis frame() {
        return frame;
    }

    /** Gains applied to the last frame, after the postfilter (34 values, copied). */
    public void copyGains(float[] out) {
        System.arraycopy(gains, 0, out, 0, PercepNet.BANDS);
    }

    public void copyStrengths(float[] out) {
        System.arraycopy(strengths, 0, out, 0, PercepNet.BANDS);
    }

    public void reset() {
        history.reset();
        pitchHistory.reset();
        dcBlocker.reset();
        pitch.reset();
        frame.reset();
        synthesis.reset();
        estimator.reset();
    }
}

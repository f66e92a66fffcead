package dev.hush.dsp;

/**
 * PercepNet's training targets: with the clean signal at hand, the ideal band gains g_b = sqrt(E_x / E_y) and the
 * comb-filter strengths r_b that restore the clean pitch coherence. Feed the clean hop with {@link #pushClean}
 * before the denoiser processes the matching noisy hop; the clean window is analysed with the noisy signal's
 * pitch, because that is the comb filter the denoiser will actually apply.
 */
public final class OracleGains implements GainEstimator {
    /** Noise that masks a tone (≈ −15 dB): bounds how much gain is lost when the comb cannot restore coherence. */
    private static final float TONE_MASKING_NOISE = 0.03f;
    private static final float MAX_COHERENCE = 0.999f;

    private final SignalHistory clean = new SignalHistory(Denoiser.HISTORY_SAMPLES);
    private final FrameAnalysis cleanFrame;

    public OracleGains() {
        cleanFrame = new FrameAnalysis(new CombFilter(Denoiser.LOOKAHEAD_SAMPLES));
    }

    public void pushClean(float[] hop, int offset) {
        clean.push(hop, offset);
    }

    /** The clean window's analysis from the latest {@link #estimate} call (for features of the clean signal). */
    public FrameAnalysis cleanFrame() {
        return cleanFrame;
    }

    @Override
    public void estimate(FrameAnalysis noisy, float[] gains, float[] strengths) {
        cleanFrame.analyze(clean.samples(), Denoiser.WINDOW_START, noisy.periodSamples(), noisy.pitchCorrelation());
        float c = noisy.combNoiseAttenuation();
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float ey = noisy.energy(b);
            float ex = cleanFrame.energy(b);
            float g = ey > 1e-20f ? (float) Math.sqrt(ex / ey) : 1f;
            g = Math.min(g, 1f);
            float qx = Math.min(cleanFrame.coherence(b), MAX_COHERENCE);
            float qy = Math.min(noisy.coherence(b), MAX_COHERENCE);
            float r;
            if (qx <= qy) {
                r = 0f;
            } else {
                float qHat = qy / (float) Math.sqrt((1 - c) * qy * qy + c);
                qHat = Math.min(qHat, MAX_COHERENCE);
                if (qHat < qx) {
                    r = 1f;
                    g *= (float) Math.sqrt((1 + TONE_MASKING_NOISE - qx * qx) / (1 + TONE_MASKING_NOISE - qHat * qHat));
                } else {
                    r = strength(qx, qy, qHat);
                }
            }
            gains[b] = g;
            strengths[b] = r;
        }
    }

    /**
     * Solves a·α² + 2b·α − (q_x² − q_y²) = 0 for the mix α of comb output to noisy signal that gives the
     * clean coherence, and maps it to r = α / (1 + α).
     */
    static float strength(float qx, float qy, float qHat) {
        float a = qHat * qHat - qx * qx;
        float b = qHat * qy * (1 - qx * qx);
        float d = qx * qx - qy * qy;
        float alpha;
        if (Math.abs(a) < 1e-6f) {
            alpha = b > 1e-9f ? d / (2 * b) : 1e6f;
        } else {
            float disc = b * b + a * d;
            alpha = disc > 0f ? ((float) Math.sqrt(disc) - b) / a : 0f;
        }
        if (!(alpha > 0f)) {
            return 0f;
        }
        float r = alpha / (1 + alpha);
        return Math.min(r, 1f);
    }

    @Override
    public void reset() {
        clean.reset();
    }
}

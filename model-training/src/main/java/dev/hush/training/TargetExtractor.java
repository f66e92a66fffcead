package dev.hush.training;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.ErbBands;
import dev.hush.dsp.OracleGains;
import dev.hush.dsp.PercepNet;

/**
 * Runs the real DSP over a clean/noisy pair and records, frame by frame, what the network will see (the
 * features of the noisy signal) and what it should answer (PercepNet's oracle gains and strengths), plus a mask
 * that drops bands above the clean source's measured bandwidth. Using the Denoiser itself guarantees the features
 * at training time are exactly those at inference time.
 */
public final class TargetExtractor {
    private static final int HOP = PercepNet.HOP_SAMPLES;

    private TargetExtractor() {
    }

    /**
     * Per-frame arrays of one segment; frame f occupies [f·width, (f+1)·width) of each. {@code energies} are the
     * noisy band energies E_y, which weight the loss on the output signal ({@link dev.hush.training.net.PercepNetLoss}).
     */
    public record Frames(int count, float[] features, float[] gains, float[] strengths, float[] mask, float[] energies) {
    }

    /**
     * @param skipFrames frames dropped at the start, while the analysis history still holds silence
     */
    public static Frames extract(float[] clean, float[] noisy, float bandwidthHz, int skipFrames) {
        if (clean.length != noisy.length) {
            throw new IllegalArgumentException("clean and noisy differ in length");
        }
        int total = clean.length / HOP;
        int count = Math.max(0, total - skipFrames);
        float[] features = new float[count * PercepNet.FEATURES];
        float[] gains = new float[count * PercepNet.BANDS];
        float[] strengths = new float[count * PercepNet.BANDS];
        float[] mask = new float[count * PercepNet.BANDS];
        float[] energies = new float[count * PercepNet.BANDS];
        float[] bandMask = new float[PercepNet.BANDS];
        for (int b = 0; b < PercepNet.BANDS; b++) {
            bandMask[b] = ErbBands.centerHz(b) <= bandwidthHz ? 1f : 0f;
        }
        OracleGains oracle = new OracleGains();
        Denoiser denoiser = new Denoiser(oracle);
        denoiser.setPostfilterEnabled(false);
        float[] out = new float[HOP];
        float[] g = new float[PercepNet.BANDS];
        float[] r = new float[PercepNet.BANDS];
        for (int f = 0; f < total; f++) {
            oracle.pushClean(clean, f * HOP);
            denoiser.processFrame(noisy, f * HOP, out, 0);
            int k = f - skipFrames;
            if (k < 0) {
                continue;
            }
            denoiser.frame().copyFeatures(features, k * PercepNet.FEATURES);
            denoiser.copyGains(g);
            denoiser.copyStrengths(r);
            System.arraycopy(g, 0, gains, k * PercepNet.BANDS, PercepNet.BANDS);
            System.arraycopy(r, 0, strengths, k * PercepNet.BANDS, PercepNet.BANDS);
            System.arraycopy(bandMask, 0, mask, k * PercepNet.BANDS, PercepNet.BANDS);
            for (int b = 0; b < PercepNet.BANDS; b++) {
                energies[k * PercepNet.BANDS + b] = denoiser.frame().energy(b);
            }
        }
        return new Frames(count, features, gains, strengths, mask, energies);
    }
}

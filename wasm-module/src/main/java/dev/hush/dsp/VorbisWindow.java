package dev.hush.dsp;

/**
 * The power-complementary Vorbis window w[n] = sin(π/2 · sin²(π(n+½)/N)).
 * Applied at analysis and at synthesis, so w² overlap-added at 50% sums to exactly 1: with unit gains the
 * STFT reconstructs its input.
 */
final class VorbisWindow {
    private VorbisWindow() {
    }

    static float[] create(int lengthSamples) {
        float[] w = new float[lengthSamples];
        for (int n = 0; n < lengthSamples; n++) {
            double s = Math.sin(Math.PI * (n + 0.5) / lengthSamples);
            w[n] = (float) Math.sin(0.5 * Math.PI * s * s);
        }
        return w;
    }
}

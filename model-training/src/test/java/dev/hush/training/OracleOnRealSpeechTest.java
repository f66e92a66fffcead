package dev.hush.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.audio.WavReader;
import dev.hush.dsp.Denoiser;
import dev.hush.dsp.OracleGains;
import dev.hush.dsp.PercepNet;
import dev.hush.metrics.SiSdr;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DSP can enhance real speech before any network exists: PercepNet's ideal gains and comb strengths, applied by
 * the real Denoiser to held-out noisy recordings (the regression fixture), gain at least 6 dB of SI-SDR.
 */
class OracleOnRealSpeechTest {
    private static final double MIN_GAIN_DB = 6;
    private static final int HOP = PercepNet.HOP_SAMPLES;

    @ParameterizedTest
    @ValueSource(strings = {"02-tuxpaint-nl-lenautile_restaurant-snr05", "14-tuxpaint-da-autumn-rain-snr05",
            "30-tuxpaint-da-syn-fan-snr05"})
    void oracleTargetsCleanUpRealNoisySpeech(String clip) throws IOException {
        Path dir = Path.of("src", "test", "resources", "regression", clip);
        float[] clean = mono(dir.resolve("clean.wav"));
        float[] noisy = mono(dir.resolve("noisy.wav"));
        OracleGains oracle = new OracleGains();
        Denoiser d = new Denoiser(oracle);
        d.setPostfilterEnabled(false);
        d.setAttenuationLimitDb(80f);
        int latency = d.latencySamples();
        int frames = (noisy.length + latency + HOP - 1) / HOP;
        float[] c = java.util.Arrays.copyOf(clean, frames * HOP);
        float[] y = java.util.Arrays.copyOf(noisy, frames * HOP);
        float[] out = new float[frames * HOP];
        for (int f = 0; f < frames; f++) {
            oracle.pushClean(c, f * HOP);
            d.processFrame(y, f * HOP, out, f * HOP);
        }
        float[] aligned = java.util.Arrays.copyOfRange(out, latency, latency + noisy.length);
        double gain = SiSdr.compute(clean, aligned) - SiSdr.compute(clean, noisy);
        System.out.printf("oracle on %s: SI-SDR gain %.2f dB%n", clip, gain);
        assertTrue(gain >= MIN_GAIN_DB, clip + ": oracle SI-SDR gain " + gain + " dB");
    }

    private static float[] mono(Path wav) throws IOException {
        double[] c = WavReader.read(wav).channels()[0];
        float[] x = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            x[i] = (float) c[i];
        }
        return x;
    }
}

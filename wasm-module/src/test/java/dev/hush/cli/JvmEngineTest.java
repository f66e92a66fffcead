package dev.hush.cli;

import dev.hush.audio.Signals;
import dev.hush.dsp.PercepNet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmEngineTest {
    @Test
    void outputKeepsLengthAndLinesUpWithTheInput() throws Exception {
        int length = 2 * PercepNet.SAMPLE_RATE_HZ + 123;
        float[] x = Signals.speechLike(PercepNet.SAMPLE_RATE_HZ, length, 1);
        float[] before = x.clone();
        try (Engine engine = new JvmEngine(null)) {
            float[] y = engine.denoise(x, f -> { });
            assertEquals(length, y.length);
            assertArrayEquals(before, x, 0f, "input left untouched");
            double[] peak = Signals.crossCorrelationPeak(x, y, 2400);
            assertEquals(0, (int) peak[0], "lag of the cross-correlation peak");
            assertTrue(peak[1] > 0.5, "speech should survive denoising; correlation " + peak[1]);
        }
    }

    @Test
    void everyCallStartsFromAFreshDenoiser() throws Exception {
        // Channels of one file go through separate calls: none may inherit the other's state.
        float[] a = Signals.speechLike(PercepNet.SAMPLE_RATE_HZ, 48000, 2);
        float[] b = Signals.whiteNoise(48000, 0.2, 3);
        try (Engine engine = new JvmEngine(null)) {
            float[] first = engine.denoise(a, f -> { });
            engine.denoise(b, f -> { });
            assertArrayEquals(first, engine.denoise(a, f -> { }), 0f);
        }
    }

    @Test
    void garbageModelIsRejectedBeforeAnyAudio() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JvmEngine(new byte[]{1, 2, 3, 4, 5}));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void theSteadyNoiseAssistDeepensTheShippedNetworkOnSteadyNoise() throws Exception {
        byte[] model = ShippedModel.bytes();
        float[] noise = Signals.whiteNoise(6 * PercepNet.SAMPLE_RATE_HZ, 0.02, 4);
        int from = 3 * PercepNet.SAMPLE_RATE_HZ;
        double assisted;
        double networkOnly;
        try (Engine jvm = new JvmEngine(model); Engine bare = Engines.factory("jvm-network-only").open(model)) {
            assertEquals("jvm-network-only", bare.name());
            assisted = rms(jvm.denoise(noise, f -> { }), from);
            networkOnly = rms(bare.denoise(noise, f -> { }), from);
        }
        double gainDb = 20 * Math.log10(networkOnly / assisted);
        System.out.printf("white noise after 3 s: network alone %.1f dBFS, with the assist %.1f dBFS%n",
                20 * Math.log10(networkOnly), 20 * Math.log10(assisted));
        assertTrue(gainDb >= 6, "the assist removed only " + gainDb + " dB more");
    }

    private static double rms(float[] x, int from) {
        double sum = 0;
        for (int i = from; i < x.length; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (x.length - from));
    }
}

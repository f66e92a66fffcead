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
}

package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.PercepNet;
import dev.hush.metrics.SiSdr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TeaVM build against the JVM: the same Java sources must give the same audio. Needs the .wasm on the class
 * path and Node 22 (both produced by the Maven build of this module).
 */
class WasmEngineTest {
    private static final int RATE_HZ = PercepNet.SAMPLE_RATE_HZ;
    /** Float rounding differs between the JVM and Wasm only in the last bits; 60 dB is the floor. */
    private static final double PARITY_SI_SDR_DB = 60;

    private static WasmEngine engine;

    @BeforeAll
    static void startEngine() throws IOException {
        engine = new WasmEngine(null);
    }

    @AfterAll
    static void closeEngine() throws IOException {
        engine.close();
    }

    /** A voiced, vibrato "vowel" with syllable-rate envelope, in white noise at about 5 dB SNR. */
    static float[] noisySpeechLike(int samples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE_HZ;
            double f0 = 140 + 25 * Math.sin(2 * Math.PI * 3 * t);
            phase += 2 * Math.PI * f0 / RATE_HZ;
            double voiced = 0;
            for (int h = 1; h <= 20; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            double envelope = 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t));
            x[i] = (float) (0.15 * envelope * voiced + 0.05 * random.nextGaussian());
        }
        return x;
    }

    /** The JVM engine's contract, computed directly: run the denoiser, flush its latency with zeros, drop it. */
    static float[] jvmReference(float[] input) {
        Denoiser denoiser = Denoiser.create(null);
        int frame = Denoiser.FRAME_SAMPLES;
        int latency = denoiser.latencySamples();
        int total = (input.length + latency + frame - 1) / frame * frame;
        float[] padded = new float[total];
        System.arraycopy(input, 0, padded, 0, input.length);
        float[] out = new float[total];
        for (int at = 0; at < total; at += frame) {
            denoiser.processFrame(padded, at, out, at);
        }
        float[] aligned = new float[input.length];
        System.arraycopy(out, latency, aligned, 0, input.length);
        return aligned;
    }

    @Test
    void wasmOutputMatchesTheJvmOnNoisyInput() throws IOException {
        // Not a multiple of the frame or the runner's batch: exercises the padding and the tail.
        float[] noisy = noisySpeechLike(3 * RATE_HZ + 1234, 7);
        float[] jvm = jvmReference(noisy);
        List<Double> progress = new ArrayList<>();
        float[] wasm = engine.denoise(noisy, progress::add);
        assertEquals(noisy.length, wasm.length, "one output sample per input sample");
        double siSdr = SiSdr.compute(jvm, wasm);
        assertTrue(siSdr >= PARITY_SI_SDR_DB, "SI-SDR between JVM and WASM outputs " + siSdr + " dB");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress must not go back");
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 0.0);
    }

    @Test
    void shortAndEmptyInputsKeepTheirLength() throws IOException {
        assertEquals(0, engine.denoise(new float[0], p -> { }).length);
        float[] one = {0.25f};
        float[] out = engine.denoise(one, p -> { });
        assertArrayEquals(jvmReference(one), out, 1e-6f);
    }

    @Test
    void jtransformsInWasmMatchesTheJvm() throws IOException {
        int size = 2 * Denoiser.FRAME_SAMPLES;
        float[] frame = noisySpeechLike(size, 11);
        float[] expected = frame.clone();
        new FloatFFT_1D(size).realForward(expected);
        float[] actual = engine.forwardFft(frame);
        double peak = 0;
        for (float v : expected) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < size; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * peak, "bin value " + i);
        }
    }

    @Test
    void theDspsOwnFftInWasmMatchesJTransformsOnTheJvm() throws IOException {
        int size = 2 * Denoiser.FRAME_SAMPLES;
        float[] frame = noisySpeechLike(size, 12);
        float[] expected = frame.clone();
        new FloatFFT_1D(size).realForward(expected);
        float[] actual = engine.forwardHushFft(frame);
        double peak = 0;
        for (float v : expected) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < size; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * peak, "bin value " + i);
        }
    }

    @Test
    void jtransformsInverseInWasmMatchesTheJvmAndRoundTrips() throws IOException {
        int size = 2 * Denoiser.FRAME_SAMPLES;
        float[] frame = noisySpeechLike(size, 13);
        float[] spectrum = frame.clone();
        new FloatFFT_1D(size).realForward(spectrum);
        float[] expected = spectrum.clone();
        new FloatFFT_1D(size).realInverse(expected, true);
        float[] actual = engine.inverseFft(spectrum);
        for (int i = 0; i < size; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "sample " + i);
            assertEquals(frame[i], actual[i], 1e-5, "round trip sample " + i);
        }
    }

    @Test
    void aMissingNodeIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> new WasmEngine(java.nio.file.Path.of("/nonexistent/node"), null));
        assertTrue(e.getMessage().contains("/nonexistent/node"), e.getMessage());
    }

    @Test
    void aModelTheDenoiserRejectsIsRejectedWithTheSameReason() {
        byte[] garbage = {'n', 'o', 't', ' ', 'a', ' ', 'm', 'o', 'd', 'e', 'l'};
        IllegalArgumentException jvm = assertThrows(IllegalArgumentException.class, () -> Denoiser.create(garbage));
        IllegalArgumentException wasm = assertThrows(IllegalArgumentException.class, () -> new WasmEngine(garbage));
        assertEquals(jvm.getMessage(), wasm.getMessage());
    }
}

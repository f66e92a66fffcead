package dev.hush.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.PercepNet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CrossfadedDenoiserTest {
    private static final int FRAME = CrossfadedDenoiser.FRAME_SAMPLES;
    private static final int LATENCY = 2 * FRAME + 17;
    private static final float WET_GAIN = -0.5f;

    /** A filter whose output is known exactly: the input, delayed by LATENCY, times WET_GAIN (phase flipped). */
    private static final class ScaledDelay implements FrameFilter {
        final float[] line = new float[LATENCY + FRAME];
        int calls;
        int resets;
        int nanAtCall = -1;

        @Override
        public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
            System.arraycopy(in, inOffset, line, LATENCY, FRAME);
            for (int i = 0; i < FRAME; i++) {
                out[outOffset + i] = WET_GAIN * line[i];
            }
            System.arraycopy(line, FRAME, line, 0, LATENCY);
            if (calls == nanAtCall) {
                out[outOffset + 5] = Float.NaN;
            }
            calls++;
        }

        @Override
        public int latencySamples() {
            return LATENCY;
        }

        @Override
        public void reset() {
            Arrays.fill(line, 0f);
            resets++;
        }
    }

    private static float[] sine(int length, double hz, double amplitude) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / PercepNet.SAMPLE_RATE_HZ));
        }
        return x;
    }

    private static float delayed(float[] x, int i) {
        return i >= LATENCY ? x[i - LATENCY] : 0f;
    }

    @Test
    void enabledOutputIsTheFilterOutput() {
        CrossfadedDenoiser stage = new CrossfadedDenoiser(new ScaledDelay());
        float[] x = sine(20 * FRAME, 440, 0.5);
        float[] y = new float[x.length];
        for (int f = 0; f < 20; f++) {
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(WET_GAIN * delayed(x, i), y[i], 1e-7f, "sample " + i);
        }
        assertEquals(20, stage.framesProcessed());
    }

    @Test
    void switchingOffFadesToTheDelayAlignedInputWithoutAJump() {
        CrossfadedDenoiser stage = new CrossfadedDenoiser(new ScaledDelay());
        int frames = 40;
        float[] x = sine(frames * FRAME, 440, 0.5);
        float[] y = new float[x.length];
        int offAt = 10 * FRAME;
        int onAt = 25 * FRAME;
        for (int f = 0; f < frames; f++) {
            if (f * FRAME == offAt) {
                stage.setEnabled(false);
            }
            if (f * FRAME == onAt) {
                stage.setEnabled(true);
            }
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        // After a full ramp each path is exact.
        for (int i = offAt + CrossfadedDenoiser.RAMP_SAMPLES; i < onAt; i++) {
            assertEquals(delayed(x, i), y[i], 1e-7f, "dry sample " + i);
        }
        for (int i = onAt + CrossfadedDenoiser.RAMP_SAMPLES; i < x.length; i++) {
            assertEquals(WET_GAIN * delayed(x, i), y[i], 1e-7f, "wet sample " + i);
        }
        // A hard switch would jump by up to |wet - dry| = 0.75; the fade adds at most |wet - dry| / RAMP per sample.
        double naturalStep = 0.5 * 2 * Math.PI * 440 / PercepNet.SAMPLE_RATE_HZ;
        double bound = naturalStep + 0.75 / CrossfadedDenoiser.RAMP_SAMPLES + 1e-6;
        for (int i = LATENCY + 1; i < x.length; i++) {
            double jump = Math.abs(y[i] - y[i - 1]);
            assertTrue(jump <= bound, "jump " + jump + " at sample " + i + " exceeds " + bound);
        }
    }

    @Test
    void attenuationLimitKeepsThatMuchOfTheInput() {
        FrameFilter silence = new FrameFilter() {
            @Override
            public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
                Arrays.fill(out, outOffset, outOffset + FRAME, 0f);
            }

            @Override
            public int latencySamples() {
                return 0;
            }

            @Override
            public void reset() {
            }
        };
        CrossfadedDenoiser stage = new CrossfadedDenoiser(silence);
        stage.setAttenuationLimitDb(12);
        float[] x = sine(10 * FRAME, 1000, 0.5);
        float[] y = new float[x.length];
        for (int f = 0; f < 10; f++) {
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        float floor = (float) Math.pow(10, -12 / 20.0);
        for (int i = 2 * FRAME; i < x.length; i++) {
            assertEquals(floor * x[i], y[i], 1e-6f, "sample " + i);
        }
        stage.takeMeanAttenuationDb();
        stage.processFrame(x, 0, y, 0);
        assertEquals(12.0, stage.takeMeanAttenuationDb(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> stage.setAttenuationLimitDb(-1));
        assertThrows(IllegalArgumentException.class, () -> stage.setAttenuationLimitDb(Double.NaN));
    }

    @Test
    void meanAttenuationMeasuresTheOutputAgainstTheAlignedInput() {
        CrossfadedDenoiser stage = new CrossfadedDenoiser(new ScaledDelay());
        float[] x = sine(30 * FRAME, 300, 0.3);
        float[] y = new float[x.length];
        for (int f = 0; f < 10; f++) {
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        stage.takeMeanAttenuationDb();
        for (int f = 10; f < 30; f++) {
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        assertEquals(-20 * Math.log10(Math.abs(WET_GAIN)), stage.takeMeanAttenuationDb(), 1e-3);
        assertTrue(Double.isNaN(stage.takeMeanAttenuationDb()), "an empty window has no attenuation");
    }

    @Test
    void bypassStopsTheFilterAndComesBackAfterWarmUp() {
        ScaledDelay filter = new ScaledDelay();
        CrossfadedDenoiser stage = new CrossfadedDenoiser(filter);
        int frames = 40;
        float[] x = sine(frames * FRAME, 250, 0.4);
        float[] y = new float[x.length];
        int callsAtBypass = -1;
        for (int f = 0; f < frames; f++) {
            if (f == 10) {
                stage.setBypassed(true);
            }
            if (f == 12) {
                callsAtBypass = filter.calls;
            }
            if (f == 20) {
                assertEquals(callsAtBypass, filter.calls, "the filter must not run while bypassed");
                stage.setBypassed(false);
                assertEquals(1, filter.resets, "leaving the bypass restarts the filter from silence");
            }
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        for (int i = 11 * FRAME; i < 20 * FRAME; i++) {
            assertEquals(delayed(x, i), y[i], 1e-7f, "bypassed sample " + i);
        }
        // Warm-up: the filter's delay line must be refilled before its output is mixed in again.
        int warmUpFrames = (LATENCY + FRAME - 1) / FRAME;
        for (int i = 20 * FRAME; i < (20 + warmUpFrames) * FRAME; i++) {
            assertEquals(delayed(x, i), y[i], 1e-7f, "warm-up sample " + i);
        }
        int wetFrom = (20 + warmUpFrames) * FRAME + CrossfadedDenoiser.RAMP_SAMPLES;
        for (int i = wetFrom; i < x.length; i++) {
            assertEquals(WET_GAIN * delayed(x, i), y[i], 1e-7f, "recovered sample " + i);
        }
    }

    @Test
    void nonFiniteOutputOrInputNeverReachesTheOutput() {
        ScaledDelay filter = new ScaledDelay();
        filter.nanAtCall = 6;
        CrossfadedDenoiser stage = new CrossfadedDenoiser(filter);
        float[] x = sine(20 * FRAME, 500, 0.5);
        x[3 * FRAME + 7] = Float.NaN;
        x[4 * FRAME + 1] = Float.POSITIVE_INFINITY;
        float[] y = new float[x.length];
        for (int f = 0; f < 20; f++) {
            stage.processFrame(x, f * FRAME, y, f * FRAME);
        }
        for (int i = 0; i < y.length; i++) {
            assertTrue(Float.isFinite(y[i]), "sample " + i + " is " + y[i]);
        }
        assertEquals(1, stage.nonFiniteFrames());
        assertEquals(1, filter.resets);
    }

    /** The wrapper's own per-frame work (the filter inside is the DSP's business) allocates nothing. */
    @Test
    void theCrossfadeAllocatesNothingPerFrame() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        CrossfadedDenoiser stage = new CrossfadedDenoiser(new ScaledDelay());
        float[] x = sine(FRAME, 440, 0.5);
        float[] y = new float[FRAME];
        for (int f = 0; f < 2000; f++) {
            stage.processFrame(x, 0, y, 0);
        }
        int frames = 1000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int f = 0; f < frames; f++) {
            stage.setEnabled((f / 50) % 2 == 0);
            stage.processFrame(x, 0, y, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < frames, allocated + " bytes allocated over " + frames + " frames");
    }

    @Test
    void runsTheRealDenoiserWithItsLatency() {
        CrossfadedDenoiser stage = new CrossfadedDenoiser(Denoiser.create(null));
        assertEquals(Denoiser.create(null).latencySamples(), stage.latencySamples());
    }
}

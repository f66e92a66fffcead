package dev.hush.cli;

import dev.hush.audio.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyCompensatorTest {
    /** A pure delay line with a gain: after compensation it must give back exactly gain × input. */
    private static final class DelayLine implements FrameProcessor {
        private final int frame;
        private final int latency;
        private final float gain;
        private final float[] history;
        int frames;

        DelayLine(int frame, int latency, float gain) {
            this.frame = frame;
            this.latency = latency;
            this.gain = gain;
            this.history = new float[latency + frame];
        }

        @Override
        public int frameSamples() {
            return frame;
        }

        @Override
        public int latencySamples() {
            return latency;
        }

        @Override
        public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
            System.arraycopy(in, inOffset, history, latency, frame);
            for (int i = 0; i < frame; i++) {
                out[outOffset + i] = gain * history[i];
            }
            System.arraycopy(history, frame, history, 0, latency);
            frames++;
        }
    }

    @ParameterizedTest(name = "frame {0}, latency {1}, length {2}")
    @CsvSource({"480,0,4800", "480,1,4801", "480,479,1", "480,480,479", "480,1440,10000", "480,1234,481",
            "128,700,3000", "480,5000,100"})
    void delayIsRemovedExactlyAndLengthKept(int frame, int latency, int length) {
        float[] x = Signals.whiteNoise(length, 0.3, length + latency);
        DelayLine p = new DelayLine(frame, latency, 0.5f);
        List<Double> progress = new ArrayList<>();
        float[] y = LatencyCompensator.run(p, x, progress::add);
        assertEquals(length, y.length);
        float[] expected = new float[length];
        for (int i = 0; i < length; i++) {
            expected[i] = 0.5f * x[i];
        }
        assertArrayEquals(expected, y, 0f);
        // Just enough frames to flush the delay: no more, no fewer.
        assertEquals((length + latency + frame - 1) / frame, p.frames);
        assertEquals(1.0, progress.get(progress.size() - 1), 0);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress goes forward");
        }
    }
}

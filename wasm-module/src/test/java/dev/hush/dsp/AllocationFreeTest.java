package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-frame path allocates nothing: in the worklet, garbage means GC pauses inside the audio thread. */
class AllocationFreeTest {
    /** Slack for the measurement itself (the MXBean call may allocate a few objects). */
    private static final long SLACK_BYTES = 2048;

    @Test
    void processingFramesWithTheShippedNetworkAllocatesNothing() throws java.io.IOException {
        byte[] model = dev.hush.cli.ShippedModel.bytes();
        org.junit.jupiter.api.Assertions.assertNotNull(model, "the build ships a model");
        assertNoAllocation(Denoiser.create(model));
    }

    @Test
    void processingFramesAllocatesNothing() {
        assertNoAllocation(new Denoiser());
    }

    private static void assertNoAllocation(Denoiser d) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        float[] x = TestSignals.add(TestSignals.speechLike(6, 3), TestSignals.whiteNoise(6 * TestSignals.RATE, 0.02, 4));
        float[] out = new float[PercepNet.HOP_SAMPLES];
        int frames = x.length / PercepNet.HOP_SAMPLES;
        for (int f = 0; f < frames / 2; f++) {
            d.processFrame(x, f * PercepNet.HOP_SAMPLES, out, 0);
        }
        long before = mx.getThreadAllocatedBytes(thread);
        for (int f = frames / 2; f < frames; f++) {
            d.processFrame(x, f * PercepNet.HOP_SAMPLES, out, 0);
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < SLACK_BYTES, allocated + " bytes allocated over " + (frames - frames / 2) + " frames");
    }
}
